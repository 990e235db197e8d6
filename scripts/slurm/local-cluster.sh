#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for trying the campaign scripts and for the tests: its own SLURM_CONF,
# munge key and socket, state and logs, all in one folder, localhost only. /etc/slurm, /etc/munge and any daemon
# this script did not start are left alone. Needs root and Debian's slurm-wlm and munge packages.
#
#   scripts/slurm/local-cluster.sh start DIR   start munged, slurmctld and slurmd; prints: export SLURM_CONF=DIR/slurm.conf
#   scripts/slurm/local-cluster.sh stop DIR    stop the daemons that 'start DIR' started (by their pid files in DIR)
#
# Exit codes: 0 done; 2 usage; 3 cannot run here (not root, or slurm-wlm/munge missing: the message says which);
# 1 a daemon did not start or the node did not become idle (what was started is stopped again; logs stay in DIR).
set -euo pipefail

usage() { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -eq 2 ] || usage
action="$1"
dir="$2"
daemons=(slurmd slurmctld munged)

pid_file() {
  case "$1" in
    munged) echo "$dir/munge/munged.pid" ;;
    *) echo "$dir/$1.pid" ;;
  esac
}

stop() {
  local name pid
  for name in "${daemons[@]}"; do
    local file
    file="$(pid_file "$name")"
    [ -f "$file" ] || continue
    pid="$(cat "$file")"
    # Only a process that is still this daemon: a stale pid file may name someone else's process by now.
    if [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = "$name" ]; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
      [ -d "/proc/$pid" ] && kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
  done
}

free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
    # A port something answers on is taken.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; return 1
}

start() {
  if [ "$(id -u)" != 0 ]; then echo "local-cluster.sh: needs root (slurmd runs jobs as their user)" >&2; exit 3; fi
  local missing=()
  for tool in munged slurmctld slurmd sbatch sinfo squeue scontrol; do
    command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || missing+=("$tool")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "local-cluster.sh: not installed: ${missing[*]} (Debian: apt-get install slurm-wlm munge)" >&2; exit 3
  fi
  export PATH="$PATH:/usr/sbin"
  mkdir -p "$dir"
  dir="$(realpath "$dir")"
  mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
  # munged refuses a key others can read, and a socket folder others cannot enter.
  chmod 711 "$dir/munge"
  [ -f "$dir/munge/munge.key" ] || { head -c 1024 /dev/urandom >"$dir/munge/munge.key"; chmod 600 "$dir/munge/munge.key"; }
  : >"$dir/plugstack.conf"
  local host ctld_port d_port
  host="$(hostname -s)"
  ctld_port="$(free_port)"
  d_port="$(free_port)"
  cat >"$dir/slurm.conf" <<CONF
ClusterName=inferbench-local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
PlugStackConfig=$dir/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  export SLURM_CONF="$dir/slurm.conf"
  trap 'echo "local-cluster.sh: start failed; logs in $dir" >&2; stop' ERR
  munged --force --socket="$dir/munge/munge.sock" --key-file="$dir/munge/munge.key" --pid-file="$dir/munge/munged.pid" \
    --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
  slurmctld -i
  slurmd
  for _ in $(seq 60); do
    if [ "$(sinfo -h -N -o '%T' 2>/dev/null)" = idle ]; then
      trap - ERR
      echo "export SLURM_CONF=$dir/slurm.conf"
      return
    fi
    sleep 0.5
  done
  echo "local-cluster.sh: the node did not become idle within 30 s: $(sinfo -h -N -o '%T %E' 2>&1 || true)" >&2
  stop
  exit 1
}

case "$action" in
  start) start ;;
  stop) dir="$(realpath -m "$dir")"; stop ;;
  *) usage ;;
esac
