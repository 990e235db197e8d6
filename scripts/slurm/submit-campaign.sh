#!/usr/bin/env bash
# Submits a campaign to Slurm: one job array per machine class (an array task per shard, --gres=gpu:N only for
# classes with GPUs, the class's partition when it names one), then the merge step with --dependency=afterany on
# all of them. Prints the job ids. See scripts/slurm/README.md.
set -euo pipefail

usage() {
  cat <<USAGE
Usage: scripts/slurm/submit-campaign.sh [--inferbench CMD] [--dry-run] CAMPAIGN_FILE RESULTS_FOLDER [-- extra sbatch options]

  CAMPAIGN_FILE   the campaign (JSON); every node must read it at this path (a shared file system)
  RESULTS_FOLDER  shared folder the shards write to: <folder>/<campaign>/shard-<i>/<run id>, merged: <folder>/<campaign>/merged
  --inferbench    how nodes run inferbench (default: inferbench on the PATH), e.g. 'dotnet /opt/inferbench/InferBench.Cli.dll'
  --dry-run       print the sbatch commands instead of submitting them
  extra options   passed to every sbatch (such as --account=ml or --time=04:00:00)
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
inferbench="${INFERBENCH:-inferbench}"
dry_run=0
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --inferbench) [ $# -ge 2 ] || { usage >&2; exit 2; }; inferbench="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; break ;;
    -*) echo "submit-campaign.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ "${#positional[@]}" -eq 2 ] || { usage >&2; exit 2; }
extra=("$@")
campaign="$(realpath "${positional[0]}")"
results="$(realpath -m "${positional[1]}")"
read -r -a ib <<<"$inferbench"

# One line per machine class: id, first shard, shard count, GPUs, Slurm partition (or -). Bad input exits 2 here.
plan="$("${ib[@]}" campaign plan "$campaign" --format tsv)"
total=0
while IFS=$'\t' read -r _ _ count _ _; do total=$((total + count)); done <<<"$plan"

mkdir -p "$results/slurm-logs"
export INFERBENCH="$inferbench" INFERBENCH_CAMPAIGN="$campaign" INFERBENCH_RESULTS="$results" INFERBENCH_SHARD_COUNT="$total"

submit() {
  if [ "$dry_run" = 1 ]; then
    { printf 'sbatch'; printf ' %q' "$@"; printf '\n'; } >&2
    echo "DRYRUN"
  else
    sbatch --parsable --export=ALL "$@" | cut -d';' -f1
  fi
}

arrays=()
while IFS=$'\t' read -r class first count gpus partition; do
  options=(--job-name="inferbench-$class" --array="$first-$((first + count - 1))" --output="$results/slurm-logs/$class-shard-%a.out")
  [ "$gpus" -gt 0 ] && options+=(--gres="gpu:$gpus")
  [ "$partition" != "-" ] && options+=(--partition="$partition")
  id="$(submit "${options[@]}" "${extra[@]}" "$here/campaign-shard.sbatch")"
  echo "machine class $class: shards $first-$((first + count - 1)), job array $id" >&2
  arrays+=("$id")
done <<<"$plan"

dependency="afterany$(printf ':%s' "${arrays[@]}")"
merge="$(submit --dependency="$dependency" --output="$results/slurm-logs/merge.out" "${extra[@]}" "$here/campaign-merge.sbatch")"
echo "merge step: job $merge (after $dependency)" >&2
printf '%s\n' "${arrays[@]}" "$merge"
