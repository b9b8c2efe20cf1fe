#!/usr/bin/env bash
# Switchyard lab: a real Docker Engine with the situations from the seed articles.
#
#   scripts/lab.sh engine       make sure an engine answers (install + start one if root and none does)
#   scripts/lab.sh image        build the lab image from busybox-static (no registry needed)
#   scripts/lab.sh up [NAME..]  engine + image + scenarios (all, or the named ones); idempotent
#   scripts/lab.sh check [NAME..]
#                               only the check `up` makes first: the subnets it would use (moved
#                               where another network or a host route holds the article's) and
#                               the host ports it needs; creates and removes nothing
#   scripts/lab.sh down         remove every container and network the lab created (by label)
#   scripts/lab.sh status       what the lab has running
#   scripts/lab.sh stop-engine  stop the engine, only if this script started it
#   scripts/lab.sh list         the scenario names
#   scripts/lab.sh traffic up|down
#                               the traffic scenario (known connections, for the Traffic layer
#                               and its tests) beside the lab, or only it removed; not part of
#                               `up`, whose picture it would change
#   scripts/lab.sh node-base    a Node.js base image from this machine's Node and npm (no registry),
#                               for the Dockerfile's BASE build argument (the container test)
#   scripts/lab.sh node-build   the same with this machine's C++ toolchain, python3 and Node's headers
#                               (for BUILD_BASE: native modules such as better-sqlite3 compile there)
#   scripts/lab.sh podman start|stop
#                               Podman's Docker API on /run/switchyard-podman/podman.sock
#   scripts/lab.sh engine2 start|stop
#                               a second, disposable engine for fault tests (socket
#                               /run/switchyard-fault/docker.sock, own bridge, no iptables;
#                               also tcp://127.0.0.1:23760 with mutual TLS, certificates in
#                               /run/switchyard-fault/tls)
#
# The lab only touches objects labelled switchyard.lab=1 and only stops an engine whose
# pid it recorded itself. It talks to the engine the docker CLI would: DOCKER_HOST or
# /var/run/docker.sock.
set -euo pipefail

LAB_LABEL="switchyard.lab=1"
LAB_IMAGE="${SWITCHYARD_LAB_IMAGE:-switchyard-lab/busybox:1}"
# An image with a shell and sleep only: no ping, nc, wget or nslookup (tools "Test now" would use).
BARE_IMAGE="${SWITCHYARD_LAB_BARE_IMAGE:-switchyard-lab/bare:1}"
STATE_DIR="${SWITCHYARD_LAB_STATE:-/run/switchyard-lab}"
PIDFILE="$STATE_DIR/dockerd.pid"
ENGINE_LOG="${SWITCHYARD_LAB_ENGINE_LOG:-/var/log/switchyard-lab-dockerd.log}"
SCENARIOS=(compose-split tomcat-link mynet-connect redis-cluster aliases internal modes ports)
# The subnets the scenarios want (the seed articles' own where they give one) and the host ports
# they publish: "SCENARIO NETWORK SUBNET" and "SCENARIO ADDRESS PORT" (ADDRESS a network's name
# means that network's gateway). Before `up` creates anything, scripts/lib/lab-preflight.mjs
# checks them against the engine's other networks and the host's routes and listeners: a taken
# subnet is replaced by a free one of the same size, the scenario keeping its shape (static
# addresses and gateways at the same offsets); a taken port, or a network or container name
# that something the lab did not make already has, stops the lab, naming the holder.
# SWITCHYARD_LAB_EXACT=1 stops instead of moving a subnet (to reproduce the articles exactly).
LAB_NETS=(
  "compose-split redismod_default 10.201.0.0/24"
  "compose-split redisinsight_default 10.202.0.0/24"
  "mynet-connect mynet 192.168.231.0/24"
  "redis-cluster redis 172.38.0.0/16"
  "aliases custom-local-net-2 10.25.64.0/18"
  "internal lab-internal 10.203.0.0/24"
  "ports lab-ports 10.204.0.0/24"
  "traffic lab-traffic 10.205.0.0/24"
  "traffic lab-traffic-far 10.206.0.0/24"
)
LAB_PORTS=(
  "compose-split 127.0.0.1 16379"
  "compose-split 127.0.0.1 18001"
  "tomcat-link 127.0.0.1 18080"
  "mynet-connect 127.0.0.1 18080"
  "ports lab-ports 18090"
  "ports 127.0.0.1 16380"
  "traffic 127.0.0.1 18091"
)
# The containers each scenario makes: a container of another owner with one of these names
# stops the lab before it creates anything (it never touches what it did not create).
LAB_CONTAINERS=(
  "compose-split redismod-redismod-1 redisinsight-redisinsight-1"
  "tomcat-link tomcat01 tomcat02 tomcat03"
  "mynet-connect tomcat-net-01 tomcat-net-02 tomcat01"
  "redis-cluster redis-1 redis-2 redis-3 redis-4 redis-5 redis-6"
  "aliases redismod-local-net redisinsight-local-net"
  "internal internal-db internal-app"
  "modes host-agent isolated-job tomcat-net-01-sidecar"
  "ports ports-target ports-client ports-bare"
  "traffic traffic-server traffic-holder traffic-poller traffic-lost traffic-holder6 traffic-knocker traffic-host-client"
)
# The test suite makes networks of its own in these ranges: the lab never moves a subnet there.
TEST_RANGES=(10.231.0.0/16 10.232.0.0/16 10.234.0.0/15 10.236.0.0/16)
declare -A SUBNET=() WANTED=()

say() { printf '\033[1m[lab]\033[0m %s\n' "$*" >&2; }
die() { printf '[lab] error: %s\n' "$*" >&2; exit 1; }

# The docker CLI: prefer the one that came with the engine package, else whatever is on PATH.
if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=$(command -v docker || true); fi

engine_answers() {
  [ -n "$DOCKER" ] || return 1
  timeout 10 "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# A pidfile left by an engine that is gone (the machine was reused): dockerd refuses to start
# while its pidfile names a live process, even an unrelated one that got the same pid.
clear_stale_pidfile() {
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  if [ -z "$pid" ] || ! grep -qx dockerd "/proc/$pid/comm" 2>/dev/null; then rm -f "$f"; fi
}

install_engine() {
  [ "$(id -u)" = 0 ] || die "no engine answers and installing one needs root (or start Docker yourself and re-run)"
  command -v apt-get >/dev/null || die "no engine answers and this is not a Debian-like system: install Docker, start it, re-run"
  say "installing Debian's docker.io, busybox-static, iptables, iproute2"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static iptables iproute2 >/dev/null
  DOCKER=/usr/bin/docker
}

cmd_engine() {
  if engine_answers; then
    say "engine answers: $("$DOCKER" version --format 'Engine {{.Server.Version}} (API {{.Server.APIVersion}})')"
    return 0
  fi
  if [ -n "${DOCKER_HOST:-}" ] && [ "${DOCKER_HOST#unix://}" = "$DOCKER_HOST" ]; then
    die "DOCKER_HOST=$DOCKER_HOST does not answer; the lab only starts a local engine (unset DOCKER_HOST)"
  fi
  command -v dockerd >/dev/null 2>&1 || install_engine
  [ "$(id -u)" = 0 ] || die "starting dockerd needs root"
  clear_stale_pidfile "$PIDFILE"
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "engine started earlier by the lab (pid $(cat "$PIDFILE")) is still starting"
  else
    mkdir -p "$STATE_DIR" "$(dirname "$ENGINE_LOG")"
    say "starting dockerd (log: $ENGINE_LOG)"
    # dockerd writes its own pidfile; setsid detaches it from this shell so it outlives us.
    setsid dockerd --pidfile "$PIDFILE" --host unix:///var/run/docker.sock </dev/null >"$ENGINE_LOG" 2>&1 &
    echo $! >"$STATE_DIR/started-by-lab"
  fi
  for _ in $(seq 1 120); do
    if curl -sf --unix-socket /var/run/docker.sock http://localhost/_ping >/dev/null 2>&1 || engine_answers; then
      say "engine up: $("$DOCKER" version --format 'Engine {{.Server.Version}} (API {{.Server.APIVersion}})')"
      return 0
    fi
    sleep 0.5
  done
  tail -20 "$ENGINE_LOG" >&2 || true
  die "dockerd did not answer within 60 s (see $ENGINE_LOG)"
}

cmd_stop_engine() {
  if [ ! -f "$STATE_DIR/started-by-lab" ] || [ ! -f "$PIDFILE" ]; then
    say "the lab did not start the running engine: leaving it alone"
    return 0
  fi
  local pid; pid=$(cat "$PIDFILE")
  if kill -0 "$pid" 2>/dev/null && grep -q dockerd "/proc/$pid/comm" 2>/dev/null; then
    say "stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -f "$STATE_DIR/started-by-lab"
}

cmd_image() {
  if "$DOCKER" image inspect "$LAB_IMAGE" >/dev/null 2>&1 && "$DOCKER" image inspect "$BARE_IMAGE" >/dev/null 2>&1; then return 0; fi
  local bb=""
  for c in /bin/busybox /usr/bin/busybox; do
    if [ -x "$c" ] && file -L "$c" 2>/dev/null | grep -q 'statically linked'; then bb=$c; break; fi
    if [ -x "$c" ] && ! ldd "$c" >/dev/null 2>&1; then bb=$c; break; fi
  done
  if [ -z "$bb" ]; then
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "need a static busybox (Debian: busybox-static)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
    bb=/bin/busybox
  fi
  say "building $LAB_IMAGE from $bb"
  local dir; dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/etc" "$dir/tmp" "$dir/www"
  cp "$bb" "$dir/bin/busybox"
  for a in sh sleep ping nslookup wget httpd nc cat ip ifconfig hostname ls ps echo route arp netstat traceroute; do
    ln -s busybox "$dir/bin/$a"
  done
  printf 'root:x:0:0:root:/:/bin/sh\n' >"$dir/etc/passwd"
  printf 'root:x:0:\n' >"$dir/etc/group"
  printf 'switchyard lab\n' >"$dir/www/index.html"
  tar -C "$dir" -c . | "$DOCKER" import \
    --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - "$LAB_IMAGE" >/dev/null
  rm -rf "$dir"
  # The bare image: busybox under another name, reachable only as sh and sleep.
  say "building $BARE_IMAGE (sh and sleep only)"
  dir=$(mktemp -d)
  mkdir -p "$dir/bin" "$dir/lib/lab" "$dir/etc" "$dir/tmp"
  cp "$bb" "$dir/lib/lab/sh"
  ln -s /lib/lab/sh "$dir/bin/sh"
  ln -s /lib/lab/sh "$dir/bin/sleep"
  printf 'root:x:0:0:root:/:/bin/sh\n' >"$dir/etc/passwd"
  printf 'root:x:0:\n' >"$dir/etc/group"
  tar -C "$dir" -c . | "$DOCKER" import \
    --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - "$BARE_IMAGE" >/dev/null
  rm -rf "$dir"
}

# A long-running container process that serves HTTP on each [IP:]PORT given (busybox httpd)
# and exits at once on SIGTERM.
serve() {
  local http="" p
  for p in "$@"; do http+="httpd -p $p -h /www; "; done
  printf '%s' "trap 'exit 0' TERM INT; ${http}while :; do sleep 3600 & wait \$!; done"
}

# run SCENARIO NAME [docker run args...] [-- [IP:]PORT...]
# Every container gets --dns 127.0.0.1 (where the network mode allows one): a lookup of a name
# Docker does not know then fails inside the container instead of going to the host's
# resolvers, so the tests' name checks never send traffic off this machine.
# SWITCHYARD_LAB_RUN_IMAGE picks another image for one container.
run() {
  local scenario=$1 name=$2; shift 2
  local args=() ports=()
  while [ $# -gt 0 ]; do
    if [ "$1" = "--" ]; then shift; ports=("$@"); break; fi
    args+=("$1"); shift
  done
  local extra=(--hostname "$name" --dns 127.0.0.1)
  case " ${args[*]} " in *" --network host "*|*" --network container:"*) extra=() ;; esac
  "$DOCKER" run -d --name "$name" "${extra[@]}" --label "$LAB_LABEL" \
    --label "switchyard.lab.scenario=$scenario" "${args[@]}" "${SWITCHYARD_LAB_RUN_IMAGE:-$LAB_IMAGE}" sh -c "$(serve "${ports[@]}")" >/dev/null
}

# The subnet the preflight chose for a lab network, and the address OFFSET places into it
# (at redis 11: 172.38.0.11 on the article's subnet, the same offset on a replacement).
subnet() { [ -n "${SUBNET[$1]:-}" ] || die "no subnet planned for network $1"; echo "${SUBNET[$1]}"; }
at() {
  local s; s=$(subnet "$1")
  local IFS=. o; read -r -a o <<<"${s%/*}"
  local n=$(( (o[0] << 24) + (o[1] << 16) + (o[2] << 8) + o[3] + $2 ))
  echo "$(( (n >> 24) & 255 )).$(( (n >> 16) & 255 )).$(( (n >> 8) & 255 )).$(( n & 255 ))"
}

net() { # net SCENARIO NAME [docker network create args...]: on the subnet the preflight chose
  local scenario=$1 name=$2; shift 2
  "$DOCKER" network create --label "$LAB_LABEL" --label "switchyard.lab.scenario=$scenario" \
    --label "switchyard.lab.subnet-wanted=${WANTED[$name]}" --subnet "$(subnet "$name")" "$@" "$name" >/dev/null
}

compose_labels() { # compose_labels PROJECT SERVICE
  printf -- '--label com.docker.compose.project=%s --label com.docker.compose.service=%s --label com.docker.compose.container-number=1 --label com.docker.compose.oneoff=False' "$1" "$2"
}

# Seed 1: two docker-compose files, each on its own project network: the UI container cannot
# reach Redis at 127.0.0.1:6379 (that is its own loopback) nor by name (different networks).
scenario_compose_split() {
  local s=compose-split
  net $s redismod_default --label com.docker.compose.project=redismod --label com.docker.compose.network=default
  net $s redisinsight_default --label com.docker.compose.project=redisinsight --label com.docker.compose.network=default
  # shellcheck disable=SC2046
  run $s redismod-redismod-1 --network redismod_default --network-alias redismod \
    $(compose_labels redismod redismod) -p 127.0.0.1:16379:6379 -- 6379
  # shellcheck disable=SC2046
  run $s redisinsight-redisinsight-1 --network redisinsight_default --network-alias redisinsight \
    $(compose_labels redisinsight redisinsight) -p 127.0.0.1:18001:8001 -- 8001
}

# Seed 2: tomcat01/02 on the default bridge (docker0, no DNS), tomcat03 --link tomcat02.
scenario_tomcat_link() {
  local s=tomcat-link
  run $s tomcat01 -p 127.0.0.1:18080:8080 -- 8080
  run $s tomcat02 -p 127.0.0.1::8080 -- 8080
  run $s tomcat03 --link tomcat02 -- 8080
}

# Seed 2: a user-defined bridge with subnet and gateway; a default-bridge container joins later.
scenario_mynet_connect() {
  local s=mynet-connect
  net $s mynet --driver bridge --gateway "$(at mynet 1)"
  run $s tomcat-net-01 --network mynet -- 8080
  run $s tomcat-net-02 --network mynet -- 8080
  "$DOCKER" inspect tomcat01 >/dev/null 2>&1 || run $s tomcat01 -p 127.0.0.1:18080:8080 -- 8080
  "$DOCKER" network connect mynet tomcat01
}

# Seed 2: a six-node Redis cluster on static IPs, one node stopped.
scenario_redis_cluster() {
  local s=redis-cluster
  net $s redis
  for i in 1 2 3 4 5 6; do
    run $s "redis-$i" --network redis --ip "$(at redis $((10 + i)))" -- 6379
  done
  "$DOCKER" stop -t 2 redis-3 >/dev/null
}

# Seed 1: a user-defined network with DNS, and a service known by network aliases.
scenario_aliases() {
  local s=aliases
  net $s custom-local-net-2 --driver bridge --gateway "$(at custom-local-net-2 1)"
  run $s redismod-local-net --network custom-local-net-2 --network-alias redis --network-alias cache -- 6379
  run $s redisinsight-local-net --network custom-local-net-2 -- 8001
}

# An internal network: members reach each other, nothing else.
scenario_internal() {
  local s=internal
  net $s lab-internal --internal
  run $s internal-db --network lab-internal -- 5432
  run $s internal-app --network lab-internal -- 8080
}

# host, none and container:X network modes (seed 1's list of Docker's network kinds).
scenario_modes() {
  local s=modes
  run $s host-agent --network host
  run $s isolated-job --network none
  "$DOCKER" inspect tomcat-net-01 >/dev/null 2>&1 || scenario_mynet_connect
  run $s tomcat-net-01-sidecar --network container:tomcat-net-01
}

# Ports: one target listening on 0.0.0.0:8080 and on 127.0.0.1:6379 only (Redis bound to
# localhost), publishing 8080 on its network's gateway address and 6379 on the host's
# 127.0.0.1; a client beside it, and one whose image has no ping, nc or wget.
scenario_ports() {
  local s=ports
  net $s lab-ports --gateway "$(at lab-ports 1)"
  run $s ports-target --network lab-ports -p "$(at lab-ports 1):18090:8080" -p 127.0.0.1:16380:6379 -- 8080 127.0.0.1:6379
  run $s ports-client --network lab-ports
  SWITCHYARD_LAB_RUN_IMAGE=$BARE_IMAGE run $s ports-bare --network lab-ports
}

# Traffic with known shapes, for the Traffic layer (`lab.sh traffic up`): on lab-traffic (IPv4
# and IPv6), traffic-server echoes on 7000 (busybox nc, a process per connection) and serves
# HTTP on 8080, published on 127.0.0.1:18091. Its clients:
#   traffic-holder       one long-lived connection to traffic-server:7000, a line a second
#   traffic-holder6      the same over IPv6 (to the server's IPv6 address)
#   traffic-poller       a short HTTP request to traffic-server:8080 every second
#   traffic-lost         on lab-traffic-far, keeps trying traffic-server's address on 7000: the
#                        networks are isolated, so each attempt gets no answer (SYN_SENT)
#   traffic-knocker      keeps connecting to traffic-server:6379 (IPv4), where nothing listens: each
#                        attempt is refused at once (and says so in its log)
#   traffic-host-client  on the host's network, an HTTP request to 127.0.0.1:18091 every second
#                        (through docker-proxy: a request from the host through a published port)
TRAFFIC_V6=${SWITCHYARD_LAB_TRAFFIC_V6:-fd00:5a:77::/64}
scenario_traffic() {
  local s=traffic
  net $s lab-traffic --ipv6 --subnet "$TRAFFIC_V6"
  net $s lab-traffic-far
  local loop='trap "exit 0" TERM INT; while :; do'
  "$DOCKER" run -d --name traffic-server --hostname traffic-server --dns 127.0.0.1 --label "$LAB_LABEL" --label "switchyard.lab.scenario=$s" \
    --network lab-traffic -p 127.0.0.1:18091:8080 "$LAB_IMAGE" \
    sh -c "trap 'exit 0' TERM INT; httpd -p 8080 -h /www; nc -ll -p 7000 -e cat & while :; do sleep 3600 & wait \$!; done" >/dev/null
  local v4 v6
  v4=$("$DOCKER" inspect -f '{{(index .NetworkSettings.Networks "lab-traffic").IPAddress}}' traffic-server)
  v6=$("$DOCKER" inspect -f '{{(index .NetworkSettings.Networks "lab-traffic").GlobalIPv6Address}}' traffic-server)
  [ -n "$v6" ] || die "traffic-server has no IPv6 address on lab-traffic (is IPv6 off on this host?)"
  tc() { # tc NAME NETWORK SCRIPT
    "$DOCKER" run -d --name "$1" --label "$LAB_LABEL" --label "switchyard.lab.scenario=$s" "${@:4}" --network "$2" "$LAB_IMAGE" sh -c "$3" >/dev/null
  }
  tc traffic-holder lab-traffic "$loop (while :; do echo ping; sleep 1; done) | nc $v4 7000; sleep 1; done" --hostname traffic-holder --dns 127.0.0.1
  tc traffic-holder6 lab-traffic "$loop (while :; do echo ping6; sleep 1; done) | nc $v6 7000; sleep 1; done" --hostname traffic-holder6 --dns 127.0.0.1
  tc traffic-poller lab-traffic "$loop wget -q -O /dev/null http://traffic-server:8080/; sleep 1; done" --hostname traffic-poller --dns 127.0.0.1
  tc traffic-lost lab-traffic-far "$loop nc -w 20 $v4 7000 </dev/null; sleep 0.2; done" --hostname traffic-lost --dns 127.0.0.1
  tc traffic-knocker lab-traffic "$loop nc -w 2 $v4 6379 </dev/null; sleep 0.5; done" --hostname traffic-knocker --dns 127.0.0.1
  tc traffic-host-client host "$loop wget -q -O /dev/null http://127.0.0.1:18091/; sleep 1; done"
  # Bytes per connection come from connection tracking's accounting, off by default: it only
  # counts (no packet changes), and Switchyard says so where it is off.
  if [ -w /proc/sys/net/netfilter/nf_conntrack_acct ] && [ "$(cat /proc/sys/net/netfilter/nf_conntrack_acct)" = 0 ]; then
    echo 1 >/proc/sys/net/netfilter/nf_conntrack_acct && say "turned on connection tracking accounting (net.netfilter.nf_conntrack_acct=1) for byte rates"
  fi
}

cmd_traffic() {
  case "${1:-}" in
    up)
      cmd_engine >/dev/null
      cmd_traffic down
      preflight traffic
      cmd_image
      own_tcp_tables scenario_traffic
      "$DOCKER" ps --filter "label=switchyard.lab.scenario=traffic" --format 'table {{.Names}}\t{{.Status}}\t{{.Networks}}' >&2 ;;
    down)
      local ids
      ids=$("$DOCKER" ps -aq --filter "label=switchyard.lab.scenario=traffic" --filter "label=$LAB_LABEL")
      # shellcheck disable=SC2086
      [ -z "$ids" ] || "$DOCKER" rm -f $ids >/dev/null
      ids=$("$DOCKER" network ls -q --filter "label=switchyard.lab.scenario=traffic" --filter "label=$LAB_LABEL")
      # shellcheck disable=SC2086
      [ -z "$ids" ] || "$DOCKER" network rm $ids >/dev/null ;;
    *) die "usage: lab.sh traffic up|down" ;;
  esac
}

# own_tcp_tables CMD...: runs CMD with net.ipv4.tcp_child_ehash_entries=1024 (Linux 6.1+), so
# the containers it starts get TCP tables of their own instead of sharing the host's (262,144
# buckets on a 24 GiB machine, walked in full by every read of a namespace's /proc/<pid>/net/tcp:
# about 5 ms each), then puts the setting back as it was. The Traffic layer reads every
# container's tables each interval (docs/traffic.md). Without the setting nothing changes.
own_tcp_tables() {
  local f=/proc/sys/net/ipv4/tcp_child_ehash_entries set=""
  if [ -w "$f" ] && [ "$(cat "$f")" = 0 ]; then
    # Put back however this ends (set -e stops the script at a failed step).
    trap 'echo 0 >/proc/sys/net/ipv4/tcp_child_ehash_entries' EXIT
    echo 1024 >"$f"; set=1
  fi
  "$@"
  if [ -n "$set" ]; then echo 0 >"$f"; trap - EXIT; fi
}

# wait_socket SOCK TENTHS LOG WHAT: until SOCK answers /_ping (then print it), else show LOG and fail.
wait_socket() {
  local sock=$1 tenths=$2 log=$3 what=$4
  for _ in $(seq 1 "$tenths"); do
    curl -sf --max-time 1 --unix-socket "$sock" http://x/_ping >/dev/null 2>&1 && { echo "$sock"; return 0; }
    sleep 0.1
  done
  tail -20 "$log" >&2
  die "$what did not answer within $((tenths / 10)) s"
}

# stop_pidfile PIDFILE COMM: stop the process a pidfile of ours names, only if it is still COMM.
stop_pidfile() {
  local f=$1 comm=$2 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null && grep -q "$comm" "/proc/$pid/comm" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$f"
}

# A second engine beside the first, that fault tests stop and start at will. Its own roots,
# socket, pidfile and bridge, and --iptables=false: two engines managing iptables on one
# host undo each other's isolation rules.
E2_DIR=/run/switchyard-fault
E2_SOCK="$E2_DIR/docker.sock"
E2_BRIDGE=sy-fault0
# It also listens on loopback TCP with mutual TLS, for the tests of a TLS context: certificates
# of its own, made here (a CA, the server's for 127.0.0.1, a client's).
E2_TLS_PORT=23760
E2_TLS="$E2_DIR/tls"
make_e2_tls() {
  [ -f "$E2_TLS/cert.pem" ] && return 0
  command -v openssl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
  mkdir -p "$E2_TLS"
  (
    cd "$E2_TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=switchyard-lab-ca -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -days 30 -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=switchyard-tests -keyout key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -days 30 -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -extfile client.ext -out cert.pem 2>/dev/null
    rm -f ./*.csr ./*.ext
  )
}
cmd_engine2() {
  case "${1:-}" in
    start)
      [ "$(id -u)" = 0 ] || die "the second engine needs root"
      command -v dockerd >/dev/null 2>&1 || install_engine
      mkdir -p "$E2_DIR"
      if ! ip link show "$E2_BRIDGE" >/dev/null 2>&1; then
        ip link add "$E2_BRIDGE" type bridge
        ip addr add 10.231.250.1/24 dev "$E2_BRIDGE"
      fi
      ip link set "$E2_BRIDGE" up
      clear_stale_pidfile "$E2_DIR/dockerd.pid"
      if [ -f "$E2_DIR/dockerd.pid" ] && kill -0 "$(cat "$E2_DIR/dockerd.pid")" 2>/dev/null; then
        say "second engine already running (pid $(cat "$E2_DIR/dockerd.pid"))"
      else
        make_e2_tls
        setsid dockerd --data-root /var/lib/switchyard-fault --exec-root "$E2_DIR/exec" --pidfile "$E2_DIR/dockerd.pid" \
          -H "unix://$E2_SOCK" -H "tcp://127.0.0.1:$E2_TLS_PORT" \
          --tlsverify --tlscacert "$E2_TLS/ca.pem" --tlscert "$E2_TLS/server-cert.pem" --tlskey "$E2_TLS/server-key.pem" \
          --bridge "$E2_BRIDGE" --iptables=false --ip-masq=false </dev/null >>"$E2_DIR/dockerd.log" 2>&1 &
      fi
      wait_socket "$E2_SOCK" 600 "$E2_DIR/dockerd.log" "the second engine" ;;
    stop) stop_pidfile "$E2_DIR/dockerd.pid" dockerd ;;
    *) die "usage: scripts/lab.sh engine2 start|stop" ;;
  esac
}

# A Node.js base image for the Dockerfile (BASE build argument) made from this machine's own
# Node and npm, without a registry: node, the libraries it links, npm, busybox for a shell,
# this machine's CA bundle (npm ci inside the build trusts what the host trusts), and a `node`
# user (uid 1000) as in the official node images.
NODE_BASE="${SWITCHYARD_NODE_BASE:-switchyard-lab/node-base:20}"
cmd_node_base() {
  cmd_engine
  if "$DOCKER" image inspect "$NODE_BASE" >/dev/null 2>&1; then say "node base $NODE_BASE already built"; echo "$NODE_BASE"; return 0; fi
  local node npmdir root lib
  node=$(readlink -f "$(command -v node)") || die "no node on PATH"
  npmdir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [ -f "$npmdir/bin/npm-cli.js" ] || die "npm not found beside node ($npmdir)"
  command -v busybox >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null
  root=$(mktemp -d)
  mkdir -p "$root"/{bin,usr/bin,usr/lib/node_modules,etc/ssl/certs,tmp,root,home/node,app}
  cp "$node" "$root/usr/bin/node"
  # Node's libraries, and the whole C runtime (native addons link more of it than node does: librt, ...).
  local libs
  libs=$(ldd "$node" | grep -o '/[^ ]*'; if command -v dpkg >/dev/null; then dpkg -L libc6 libgcc-s1 libstdc++6 2>/dev/null | grep -E '/lib[^/]*/.*\.so[.0-9]*$' || true; fi)
  for lib in $libs; do [ -e "$lib" ] || continue; mkdir -p "$root$(dirname "$lib")"; cp -L "$lib" "$root$lib"; done
  cp -a "$npmdir" "$root/usr/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/bin/npx"
  cp "$(command -v busybox)" "$root/bin/busybox"
  for t in sh ls cat cp mv rm mkdir ln chmod chown id env sleep grep sed head tail tr wc uname; do ln -s busybox "$root/bin/$t"; done
  ln -s /bin/env "$root/usr/bin/env"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt" 2>/dev/null || true
  printf 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnode:x:1000:\n' >"$root/etc/group"
  chmod 1777 "$root/tmp"
  chown 1000:1000 "$root/home/node"
  tar -C "$root" --numeric-owner -c . | "$DOCKER" import \
    --change 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'ENV npm_config_cafile=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' - "$NODE_BASE" >/dev/null
  rm -rf "$root"
  say "node base $NODE_BASE: node $("$DOCKER" run --rm "$NODE_BASE" node --version), npm $("$DOCKER" run --rm "$NODE_BASE" npm --version)"
  echo "$NODE_BASE"
}

NODE_BUILD="${SWITCHYARD_NODE_BUILD:-switchyard-lab/node-build:20}"
# The build base: node-base plus what node-gyp needs to compile a native module (better-sqlite3,
# when its prebuilt binary cannot be downloaded): g++, make, python3 and Node's headers, copied
# from this machine's Debian packages (the package closure, without docs and without the C runtime
# node-base already has), and busybox's tools.
cmd_node_build() {
  cmd_node_base >/dev/null
  if "$DOCKER" image inspect "$NODE_BUILD" >/dev/null 2>&1; then say "node build base $NODE_BUILD already built"; echo "$NODE_BUILD"; return 0; fi
  command -v g++ >/dev/null && command -v make >/dev/null && [ -f /usr/include/node/node.h ] || die "node-build needs g++, make and Node's headers (/usr/include/node) on this machine"
  local ctx pkgs
  ctx=$(mktemp -d)
  pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    g++ gcc make python3 libc6-dev 2>/dev/null | grep -v '^[ <]' | grep -v -x -E 'libc6|libgcc-s1|libstdc\+\+6' | sort -u)
  { for p in $pkgs; do dpkg -L "$p" 2>/dev/null || true; done; dpkg -L nodejs 2>/dev/null | grep '^/usr/include/node' || true; } \
    | python3 "$(dirname "$0")/lib/package-files.py" >"$ctx/files"
  tar -C / --numeric-owner --no-recursion -cf "$ctx/toolchain.tar" -T "$ctx/files"
  cat >"$ctx/Dockerfile" <<DOCKERFILE
FROM $NODE_BASE
ADD toolchain.tar /
RUN for t in \$(busybox --list); do [ -e /bin/\$t ] || [ -e /usr/bin/\$t ] || ln -s busybox /bin/\$t; done; [ -e /usr/bin/cc ] || ln -s gcc /usr/bin/cc; [ -e /usr/bin/c++ ] || ln -s g++ /usr/bin/c++
ENV npm_config_nodedir=/usr PYTHON=/usr/bin/python3
DOCKERFILE
  "$DOCKER" build -q --force-rm -t "$NODE_BUILD" "$ctx" >/dev/null
  rm -rf "$ctx"
  say "node build base $NODE_BUILD: $("$DOCKER" run --rm "$NODE_BUILD" sh -c 'g++ --version | head -1; python3 --version; make --version | head -1' | tr '\n' ' ')"
  echo "$NODE_BUILD"
}

# Podman's Docker-compatible API on a socket of the tests' own (rootful, Debian's podman), for
# the Podman tests. Its own containers.conf: runc, and ulimits no higher than this process
# has (podman's defaults raise them, which a container sandbox without CAP_SYS_RESOURCE
# refuses). Stopped only by the pid it recorded.
PODMAN_DIR=/run/switchyard-podman
PODMAN_SOCK="$PODMAN_DIR/podman.sock"
export CONTAINERS_CONF="$PODMAN_DIR/containers.conf"
cmd_podman() {
  case "${1:-}" in
    start)
      [ "$(id -u)" = 0 ] || die "the podman service needs root"
      if ! command -v podman >/dev/null 2>&1; then
        say "installing Debian's podman"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc >/dev/null
      fi
      mkdir -p "$PODMAN_DIR"
      local nproc; nproc=$(ulimit -Su); [ "$nproc" = unlimited ] && nproc=4096; [ "$nproc" -gt 4096 ] && nproc=4096
      printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n[engine]\nruntime = "runc"\n' \
        "$(ulimit -Sn)" "$(ulimit -Hn)" "$nproc" "$nproc" >"$CONTAINERS_CONF"
      if [ -f "$PODMAN_DIR/service.pid" ] && kill -0 "$(cat "$PODMAN_DIR/service.pid")" 2>/dev/null; then
        say "podman service already running (pid $(cat "$PODMAN_DIR/service.pid"))"
      else
        setsid podman system service --time=0 "unix://$PODMAN_SOCK" </dev/null >>"$PODMAN_DIR/service.log" 2>&1 &
        echo $! >"$PODMAN_DIR/service.pid"
      fi
      wait_socket "$PODMAN_SOCK" 300 "$PODMAN_DIR/service.log" "the podman service" ;;
    stop) stop_pidfile "$PODMAN_DIR/service.pid" podman ;;
    *) die "usage: scripts/lab.sh podman start|stop" ;;
  esac
}

cmd_down() {
  local ids
  ids=$("$DOCKER" ps -aq --filter "label=$LAB_LABEL")
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086
    "$DOCKER" rm -f $ids >/dev/null
  fi
  ids=$("$DOCKER" network ls -q --filter "label=$LAB_LABEL")
  if [ -n "$ids" ]; then
    # shellcheck disable=SC2086
    "$DOCKER" network rm $ids >/dev/null
  fi
  say "lab objects removed"
}

# preflight SCENARIO...: check the subnets and ports these scenarios want (creating and removing
# nothing); fill SUBNET and WANTED with the plan, or stop with what holds what.
preflight() {
  local want=" $* " args=() line sc a b
  case "$want" in *" modes "*) want+="mynet-connect " ;; esac # modes makes mynet-connect's containers if missing
  for line in "${LAB_NETS[@]}"; do
    read -r sc a b <<<"$line"
    case "$want" in *" $sc "*) args+=(--net "$a=$b") ;; esac
  done
  for line in "${LAB_PORTS[@]}"; do
    read -r sc a b <<<"$line"
    case "$want" in *" $sc "*) args+=(--port "$a:$b") ;; esac
  done
  for line in "${LAB_CONTAINERS[@]}"; do
    read -r sc a <<<"$line"
    case "$want" in *" $sc "*) for b in $a; do args+=(--container "$b"); done ;; esac
  done
  for a in "${TEST_RANGES[@]}"; do args+=(--avoid "$a=the test suite's own networks"); done
  [ "${SWITCHYARD_LAB_EXACT:-}" = 1 ] && args+=(--exact)
  command -v node >/dev/null || die "the lab's check before it starts needs Node.js"
  local plan
  plan=$(DOCKER="$DOCKER" node "$(dirname "$0")/lib/lab-preflight.mjs" "${args[@]}") || die "the lab cannot start here as it is (see above)"
  while read -r a b sc; do
    [ -n "$a" ] || continue
    SUBNET[$a]=$b; WANTED[$a]=$sc
  done <<<"$plan"
}

cmd_check() {
  cmd_engine >/dev/null
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${SCENARIOS[@]}")
  preflight "${wanted[@]}"
  local n
  for n in "${!SUBNET[@]}"; do
    if [ "${SUBNET[$n]}" = "${WANTED[$n]}" ]; then echo "$n ${SUBNET[$n]}"; else echo "$n ${SUBNET[$n]} (instead of ${WANTED[$n]})"; fi
  done | sort
}

up_scenarios() {
  local s
  for s in "$@"; do
    local fn="scenario_${s//-/_}"
    if [ "$s" = mynet-connect ] && "$DOCKER" inspect tomcat-net-01 >/dev/null 2>&1; then continue; fi
    say "scenario $s"
    "$fn"
  done
}

cmd_up() {
  cmd_engine
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${SCENARIOS[@]}")
  local s
  for s in "${wanted[@]}"; do
    declare -F "scenario_${s//-/_}" >/dev/null || die "unknown scenario '$s' (try: ${SCENARIOS[*]})"
  done
  preflight "${wanted[@]}"
  cmd_image
  cmd_down
  own_tcp_tables up_scenarios "${wanted[@]}"
  cmd_status
}

cmd_status() {
  "$DOCKER" ps -a --filter "label=$LAB_LABEL" --format 'table {{.Names}}\t{{.Status}}\t{{.Networks}}\t{{.Ports}}' >&2
  "$DOCKER" network ls --filter "label=$LAB_LABEL" --format 'table {{.Name}}\t{{.Driver}}' >&2
}

case "${1:-up}" in
  engine) cmd_engine ;;
  image) cmd_engine; cmd_image ;;
  up) shift || true; cmd_up "$@" ;;
  check) shift || true; cmd_check "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  stop-engine) cmd_stop_engine ;;
  list) printf '%s\n' "${SCENARIOS[@]}" ;;
  engine2) shift; cmd_engine2 "$@" ;;
  traffic) shift; cmd_traffic "$@" ;;
  node-base) cmd_node_base ;;
  node-build) cmd_node_build ;;
  podman) shift; cmd_podman "$@" ;;
 *) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
