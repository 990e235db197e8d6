#!/usr/bin/env bash
# One command on a fresh Linux GPU instance: .NET SDK, driver check, CUDA build, power probe, model fetch,
# the standard plan on --ep cuda, a results folder, and optionally an upload. See docs/gpu.md.
set -euo pipefail

readonly DEFAULT_MODELS="phi-3-mini-4k-instruct:cuda-int4-rtn-block-32,cuda-fp16"
readonly DOTNET_CHANNEL="10.0"
readonly EXIT_USAGE=2
readonly EXIT_ENVIRONMENT=3
readonly EXIT_NOTHING_MEASURED=4
readonly EXIT_CANCELLED=130

usage() {
  cat <<USAGE
Usage: scripts/bench-instance.sh [options] [-- extra 'inferbench run' options]

  --models "M:V1,V2 M2:V3"  manifest models and variants to fetch and run (default: $DEFAULT_MODELS)
  --out DIR                 parent of the results folder (default: results)
  --manifest FILE           model manifest (default: models.manifest.json)
  --upload-cmd CMD          run CMD after the benchmark; {} in CMD becomes the results folder,
                            else the folder is appended (example: 'aws s3 cp --recursive {} s3://bucket/runs/')
  --inferbench CMD          use this inferbench command instead of installing .NET and building the CUDA variant
  -h, --help                this text

Exit codes (over all models, the first that applies, in README.md's order): 2 bad usage or input
(including an unknown model or variant for fetch); 130 cancelled (a signal to this script, or to
inferbench); 3 this machine cannot run the CUDA build (no NVIDIA driver, CUDA 12 or cuDNN 9 libraries),
or inferbench reported a bug; 1 a row failed, results could not be saved, or a download failed;
4 a model had nothing measured (every row unsupported or skipped); 0 every model measured rows.
USAGE
}

log() { printf '[bench-instance] %s\n' "$*" >&2; }
# Rank of an inferbench run exit code in README.md's exit-code table (higher wins): 2, 130, then 3 and unknown codes
# (a bug outranks a failed row), 1, 4, 0.
precedence() {
  case "$1" in
    0) echo 0 ;;
    "$EXIT_NOTHING_MEASURED") echo 1 ;;
    1) echo 2 ;;
    "$EXIT_CANCELLED") echo 4 ;;
    "$EXIT_USAGE") echo 5 ;;
    *) echo 3 ;;
  esac
}
fail() { log "error: $2"; exit "$1"; }

# inferbench runs in the background while this script waits for it, so that a SIGTERM or SIGINT sent to the script
# alone (a scheduler, docker stop, kill) is handed on instead of leaving inferbench running as an orphan. It is handed
# on as SIGTERM: a background command of a non-interactive bash ignores SIGINT, and inferbench stops on either.
child=""
# The script's own stderr, kept: a trap runs inside whatever redirection the interrupted command had (run.log).
exec 3>&2
on_signal() {
  trap '' INT TERM
  log "SIG$1 received: asking inferbench to stop and waiting for it to save what it has" 2>&3
  if [[ -n "$child" ]]; then
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
  fi
  exit "$EXIT_CANCELLED"
}
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM

# Runs inferbench with the given arguments (redirections are the caller's) and returns its exit code.
inferbench_in_background() {
  "${inferbench[@]}" "$@" &
  child=$!
  local status=0
  wait "$child" || status=$?
  child=""
  return "$status"
}

models="$DEFAULT_MODELS"
out_parent="results"
manifest="models.manifest.json"
upload_cmd=""
inferbench_cmd=""
run_extra=()
while (($# > 0)); do
  case "$1" in
    --models) models="${2:?--models needs a value}"; shift 2 ;;
    --out) out_parent="${2:?--out needs a value}"; shift 2 ;;
    --manifest) manifest="${2:?--manifest needs a value}"; shift 2 ;;
    --upload-cmd) upload_cmd="${2:?--upload-cmd needs a value}"; shift 2 ;;
    --inferbench) inferbench_cmd="${2:?--inferbench needs a value}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    --) shift; run_extra=("$@"); break ;;
    *) usage >&2; fail "$EXIT_USAGE" "unknown option: $1" ;;
  esac
done

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

check_gpu() {
  command -v nvidia-smi >/dev/null 2>&1 ||
    fail "$EXIT_ENVIRONMENT" "nvidia-smi not found: install the NVIDIA driver (or run the Docker image with --gpus all)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader >&2 ||
    fail "$EXIT_ENVIRONMENT" "nvidia-smi failed: the NVIDIA driver is not working"
  local libraries
  libraries="$(ldconfig -p 2>/dev/null || true)"
  grep -q 'libcudart\.so\.12' <<<"$libraries" ||
    fail "$EXIT_ENVIRONMENT" "CUDA 12 runtime (libcudart.so.12) not found: install CUDA 12, or use the Dockerfile (docs/gpu.md)"
  grep -q 'libcudnn\.so\.9' <<<"$libraries" ||
    fail "$EXIT_ENVIRONMENT" "cuDNN 9 (libcudnn.so.9) not found: install cuDNN 9 for CUDA 12, or use the Dockerfile (docs/gpu.md)"
}

ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks | grep -q "^${DOTNET_CHANNEL%%.*}\."; then
    return
  fi
  log "installing the .NET $DOTNET_CHANNEL SDK into $HOME/.dotnet"
  local installer
  installer="$(mktemp)"
  curl --fail --silent --show-error --location https://dot.net/v1/dotnet-install.sh --output "$installer"
  bash "$installer" --channel "$DOTNET_CHANNEL" --install-dir "$HOME/.dotnet"
  rm -f "$installer"
  export PATH="$HOME/.dotnet:$PATH" DOTNET_ROOT="$HOME/.dotnet"
}

build_cuda() {
  local build_dir="$repo_root/.cache/build-cuda"
  log "building the CUDA variant into $build_dir"
  dotnet publish src/InferBench.Cli -c Release -p:ExecutionProvider=cuda -o "$build_dir" >&2
  inferbench=(dotnet "$build_dir/InferBench.Cli.dll")
}

check_gpu
if [[ -n "$inferbench_cmd" ]]; then
  read -r -a inferbench <<<"$inferbench_cmd"
else
  ensure_dotnet
  build_cuda
fi

results="$out_parent/instance-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$results"
{
  echo "started_utc: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -a)"
  echo "commit: $(git -C "$repo_root" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "models: $models"
  echo "gpus:"
  nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit --format=csv,noheader | sed 's/^/  /'
} >"$results/instance.txt"
: >"$results/run-json-paths.txt"

log "power probe"
if ! inferbench_in_background power probe >"$results/power-probe.txt" 2>&1; then
  log "inferbench power probe is not available or failed (see $results/power-probe.txt); continuing without it"
fi

worst=0
for spec in $models; do
  model="${spec%%:*}"
  variant_args=()
  if [[ "$spec" == *:* ]]; then
    IFS=',' read -r -a variants <<<"${spec#*:}"
    for variant in "${variants[@]}"; do variant_args+=(--variant "$variant"); done
  fi
  log "fetching $model ${variant_args[*]}"
  status=0
  inferbench_in_background fetch "$model" "${variant_args[@]}" --manifest "$manifest" > >(tee -a "$results/fetch.log" >&2) 2>&1 ||
    status=$?
  case "$status" in
    0) ;;
    "$EXIT_USAGE") fail "$EXIT_USAGE" "inferbench fetch refused $model ${variant_args[*]}: bad input such as an unknown model or variant in $manifest (see $results/fetch.log)" ;;
    "$EXIT_CANCELLED") fail "$EXIT_CANCELLED" "fetching $model was cancelled; run the same command again to resume" ;;
    "$EXIT_ENVIRONMENT") fail "$EXIT_ENVIRONMENT" "inferbench fetch reported a bug while fetching $model (see $results/fetch.log)" ;;
    *) fail 1 "fetching $model failed (see $results/fetch.log); run the same command again to resume" ;;
  esac
  log "running $model on cuda"
  status=0
  paths_before="$(wc -l <"$results/run-json-paths.txt")"
  inferbench_in_background run --manifest "$manifest" --model "$model" "${variant_args[@]}" --ep cuda --out "$results" --json \
    "${run_extra[@]}" 2>>"$results/run.log" >>"$results/run-json-paths.txt" || status=$?
  tail -n +"$((paths_before + 1))" "$results/run-json-paths.txt"
  if ((status == EXIT_NOTHING_MEASURED)); then
    log "nothing was measured for $model on cuda: every row is unsupported or skipped (see the reasons in $results/run.log;" \
      "on a GPU instance this usually means the CUDA build could not load CUDA or cuDNN, or no variant was fetched)"
  fi
  (($(precedence "$status") > $(precedence "$worst"))) && worst=$status
done

if [[ -n "$upload_cmd" ]]; then
  quoted="$(printf '%q' "$results")"
  if [[ "$upload_cmd" == *"{}"* ]]; then command="${upload_cmd//\{\}/$quoted}"; else command="$upload_cmd $quoted"; fi
  log "uploading: $command"
  bash -c "$command" || fail 1 "the upload command failed; the results are still in $results"
fi

log "results: $results"
exit "$worst"
