#!/usr/bin/env bash
# SIP interop: the sip_ua example (examples/sip_ua/) drives the crate's Call
# over real UDP against SIPp (Debian's sip-tester) and baresip, on loopback.
#
#   bash tests/interop/run.sh [--only <scenario substring>] [--keep] [--capture DIR]
#
# Installs sip-tester and baresip with apt when missing, builds the example,
# runs every scenario with a time limit, prints one line per scenario and a
# final `N passed, N failed` line, and exits non-zero on any failure. Logs go
# to a temporary directory (printed; kept on failure or with --keep).
# With --capture DIR, each scenario's SIP traffic on loopback is written by
# tcpdump (installed with apt when missing) to DIR/<scenario>.pcap, for
# tests/interop/ladders.sh to read with `sdpoa pcap`.
#
# Fixed ports on 127.0.0.1: our UAS 5080, our UAC 5081, SIPp 5070,
# baresip 5090 (RTP: ours 40000, SIPp 6000, baresip its own).
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"
start=$SECONDS

only=""
keep=0
capture=""
while [ $# -gt 0 ]; do
    case "$1" in
    --only) only="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --capture) capture="$2"; shift 2 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 64 ;;
    esac
done

# --- tools -------------------------------------------------------------------
missing=()
command -v sipp >/dev/null || missing+=(sip-tester)
command -v baresip >/dev/null || missing+=(baresip)
if [ -n "$capture" ]; then
    command -v tcpdump >/dev/null || missing+=(tcpdump)
    mkdir -p "$capture"
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "run.sh: installing ${missing[*]} with apt"
    if [ "$(id -u)" -ne 0 ]; then
        echo "run.sh: ${missing[*]} missing and we are not root: install them with apt" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cargo build --quiet --example sip_ua || exit 1
ua="${CARGO_TARGET_DIR:-$root/target}/debug/examples/sip_ua"
logs="$(mktemp -d "${TMPDIR:-/tmp}/sdpoa-interop.XXXXXX")"
echo "run.sh: $(sipp -v 2>/dev/null | grep -o 'SIPp v[0-9.]*' | head -1), $(baresip -h 2>&1 | head -1 | cut -d' ' -f1-2); logs in $logs"

ua_port=5080
uac_port=5081
sipp_port=5070
bs_port=5090
passed=0
failed=0

# With --capture: tcpdump on loopback for one scenario, SIP ports only.
cap_pid=""
cap_start() {
    [ -n "$capture" ] || return 0
    rm -f "$capture/$1.pcap"
    tcpdump -i lo -U -s 0 -w "$capture/$1.pcap" 'udp and portrange 5060-5099' \
        >"$logs/tcpdump-$1.log" 2>&1 &
    cap_pid=$!
    for _ in $(seq 50); do
        if grep -q 'listening on' "$logs/tcpdump-$1.log" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
}
cap_stop() {
    [ -n "$cap_pid" ] || return 0
    sleep 0.2
    kill -INT "$cap_pid" 2>/dev/null
    wait "$cap_pid" 2>/dev/null
    cap_pid=""
}

ok() { echo "ok      $1"; passed=$((passed + 1)); }
fail() { echo "FAIL    $1 ($2)   logs: $logs/$1"; failed=$((failed + 1)); }
wanted() { [ -z "$only" ] || [[ "$1" == *"$only"* ]]; }

# Waits until a UDP port is bound (the peer is listening), up to 5 s.
wait_udp() {
    if ! command -v ss >/dev/null; then
        sleep 0.5
        return 0
    fi
    for _ in $(seq 50); do
        if ss -Hlun "sport = :$1" 2>/dev/null | grep -q .; then return 0; fi
        sleep 0.1
    done
    return 0
}

# Waits until baresip says it is ready (accounts loaded), up to 5 s.
wait_baresip() {
    for _ in $(seq 50); do
        if grep -q 'baresip is ready' "$1" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 0
}

# run_sipp <dir> <scenario> [remote] [args...]: one bounded SIPp run, logs
# in dir. It execs: call it in a subshell, `(run_sipp ...)`; in the
# background $! is then the `timeout` process, and a kill reaches SIPp.
run_sipp() {
    local dir=$1 scenario=$2
    shift 2
    exec timeout -k 5 40 sipp -sf "$here/sipp/$scenario.xml" -i 127.0.0.1 -p "$sipp_port" \
        -m 1 -timeout 25s -timeout_error -nostdin -trace_err -error_file "$dir/sipp_errors.log" \
        -trace_msg -message_file "$dir/sipp_messages.log" "$@" >"$dir/sipp.out" 2>&1
}

# The checks of a scenario: each "grep:<regex>" must match the UA log.
check_ua_log() {
    local dir=$1
    shift
    local pattern
    for pattern in "$@"; do
        if ! grep -Eq -- "$pattern" "$dir/ua.log"; then
            echo "UA log lacks /$pattern/"
            return 1
        fi
    done
}

sipp_failure() {
    local dir=$1
    local why
    why=$(grep -m1 -E 'Failed regexp|Aborting|unexpected|Unexpected|timeout' "$dir/sipp_errors.log" 2>/dev/null |
        cut -c1-120)
    echo "SIPp failed${why:+: $why}"
}

# SIPp is the callee; our UAC calls it. Args: name scenario 'ua args' patterns...
sipp_callee() {
    local name=$1 scenario=$2 ua_args=$3
    shift 3
    wanted "$name" || return 0
    local dir="$logs/$name"
    mkdir -p "$dir"
    cap_start "$name"
    (run_sipp "$dir" "$scenario") &
    local sipp_pid=$!
    wait_udp "$sipp_port"
    # shellcheck disable=SC2086
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$uac_port" --max-time 20 $ua_args \
        uac "sip:service@127.0.0.1:$sipp_port" ${UAC_EXTRA:-} >"$dir/ua.log" 2>&1
    local ua_rc=$?
    wait "$sipp_pid"
    local sipp_rc=$?
    cap_stop
    local why
    if [ "$sipp_rc" -ne 0 ]; then
        fail "$name" "$(sipp_failure "$dir") (exit $sipp_rc)"
    elif [ "$ua_rc" -ne 0 ]; then
        fail "$name" "sip_ua exit $ua_rc"
    elif ! why=$(check_ua_log "$dir" "$@"); then
        fail "$name" "$why"
    else
        ok "$name"
    fi
}

# SIPp is the caller; our UAS answers. Args: name scenario 'ua uas args' patterns...
sipp_caller() {
    local name=$1 scenario=$2 uas_args=$3
    shift 3
    wanted "$name" || return 0
    local dir="$logs/$name"
    mkdir -p "$dir"
    cap_start "$name"
    # shellcheck disable=SC2086
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$ua_port" --max-time 20 uas $uas_args >"$dir/ua.log" 2>&1 &
    local ua_pid=$!
    wait_udp "$ua_port"
    (run_sipp "$dir" "$scenario" "127.0.0.1:$ua_port" -s sdpoa)
    local sipp_rc=$?
    wait "$ua_pid"
    local ua_rc=$?
    cap_stop
    local why
    if [ "$sipp_rc" -ne 0 ]; then
        fail "$name" "$(sipp_failure "$dir") (exit $sipp_rc)"
    elif [ "$ua_rc" -ne 0 ]; then
        fail "$name" "sip_ua exit $ua_rc"
    elif ! why=$(check_ua_log "$dir" "$@"); then
        fail "$name" "$why"
    else
        ok "$name"
    fi
}

# A baresip config dir: loopback only, no audio device (aubridge), G.711,
# one local account that never registers and answers automatically.
baresip_config() {
    local dir=$1
    mkdir -p "$dir/baresip"
    cat >"$dir/baresip/config" <<EOF
poll_method		epoll
sip_listen		127.0.0.1:$bs_port
sip_trans_def		udp
net_interface		127.0.0.1
audio_player		aubridge,nil
audio_source		aubridge,nil
audio_alert		aubridge,nil
rtp_ports		41000-41100
module_path		/usr/lib/baresip/modules
module			g711.so
module			aubridge.so
module_app		account.so
module_app		menu.so
EOF
    echo "<sip:baresip@127.0.0.1:$bs_port>;regint=0;answermode=auto" >"$dir/baresip/accounts"
}

ua_codec() { grep -m1 -o 'codec=[A-Za-z0-9]*' "$1/ua.log" | cut -d= -f2; }
bs_codec() { grep -m1 -o 'Set audio encoder: [A-Za-z0-9]*' "$1/baresip.log" | awk '{print $4}'; }

# Both sides name the same codec, and BYE got its 200.
check_baresip() {
    local dir=$1 bye_200=$2
    local ours theirs
    ours=$(ua_codec "$dir")
    theirs=$(bs_codec "$dir")
    if [ -z "$ours" ] || [ "$ours" != "$theirs" ]; then
        echo "codec disagrees: sip_ua '${ours}', baresip '${theirs}'"
        return 1
    fi
    if ! grep -Eq -- "$bye_200" "$dir/ua.log"; then
        echo "no clean BYE/200 in the UA log"
        return 1
    fi
    echo "$ours"
}

# baresip calls our UAS and hangs up (-t) with BYE.
baresip_caller() {
    local name=baresip_calls_sip_ua
    wanted "$name" || return 0
    local dir="$logs/$name"
    baresip_config "$dir"
    cap_start "$name"
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$ua_port" --max-time 20 uas >"$dir/ua.log" 2>&1 &
    local ua_pid=$!
    wait_udp "$ua_port"
    timeout -k 5 20 baresip -f "$dir/baresip" -s -t 4 -e "/dial sip:sdpoa@127.0.0.1:$ua_port" \
        </dev/null >"$dir/baresip.log" 2>&1
    local bs_rc=$?
    wait "$ua_pid"
    local ua_rc=$?
    cap_stop
    local why
    if [ "$ua_rc" -ne 0 ]; then
        fail "$name" "sip_ua exit $ua_rc"
    elif [ "$bs_rc" -ne 0 ]; then
        fail "$name" "baresip exit $bs_rc"
    elif ! why=$(check_baresip "$dir" 'result: terminated cause=RemoteBye'); then
        fail "$name" "$why"
    elif ! grep -q 'Call established' "$dir/baresip.log"; then
        fail "$name" "baresip did not establish the call"
    else
        ok "$name (both: $why)"
    fi
}

# Our UAC calls baresip (auto-answer), prefers PCMA, hangs up after 2 s.
baresip_callee() {
    local name=sip_ua_calls_baresip
    wanted "$name" || return 0
    local dir="$logs/$name"
    baresip_config "$dir"
    cap_start "$name"
    timeout -k 5 20 baresip -f "$dir/baresip" -s -t 7 </dev/null >"$dir/baresip.log" 2>&1 &
    local bs_pid=$!
    wait_baresip "$dir/baresip.log"
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$uac_port" --max-time 20 --codecs PCMA,PCMU --bye-after 2 \
        uac "sip:baresip@127.0.0.1:$bs_port" >"$dir/ua.log" 2>&1
    local ua_rc=$?
    wait "$bs_pid"
    cap_stop
    local why
    if [ "$ua_rc" -ne 0 ]; then
        fail "$name" "sip_ua exit $ua_rc"
    elif ! why=$(check_baresip "$dir" '← 200 OK \(BYE\)'); then
        fail "$name" "$why"
    elif ! grep -q 'result: terminated cause=Local' "$dir/ua.log"; then
        fail "$name" "the call did not end with our BYE"
    else
        ok "$name (both: $why)"
    fi
}

printf 'ticket=42\r\n' >"$logs/custom-part.txt"

# --- SIPp is the callee, our UAC calls ---------------------------------------
UAC_EXTRA="--custom-part $logs/custom-part.txt"
sipp_callee sipp_415_custom_part uas_415_custom_part "--bye-after 1" \
    'RetryingAfterUnsupportedMedia \{ branch: WithoutOptionalParts \}' \
    'result: terminated cause=Local'
UAC_EXTRA="--multi-sdp"
sipp_callee sipp_415_multi_sdp uas_415_multi_sdp "--bye-after 1" \
    'RetryingAfterUnsupportedMedia \{ branch: NewOffer \}' \
    'session: m0 audio active sendrecv codec=PCMU/8000 .* srtp=sdes' \
    'result: terminated cause=Local'
UAC_EXTRA="--reinvite 0.5"
sipp_callee sipp_reinvite uas_reinvite "--bye-after 2" \
    'renegotiation: .* Outgoing completed' 'result: terminated cause=Local'
UAC_EXTRA="--hold 0.5"
sipp_callee sipp_hold uas_hold "--bye-after 2" \
    'session: m0 audio active sendonly' 'result: terminated cause=Local'
UAC_EXTRA=""
sipp_callee sipp_488_warning_370 uas_488_370 "" \
    'result: failed status=NotAcceptableDueToBandwidthPolicy response=488'
sipp_callee sipp_491 uas_491 "" \
    'result: failed status=RequestPending response=491'

# --- SIPp is the caller, our UAS answers -------------------------------------
sipp_caller sipp_plain_offer uac_plain_offer "" \
    'session: m0 audio active sendrecv codec=PCMA/8000 pt=8' 'result: terminated cause=RemoteBye'
sipp_caller sipp_cancel uac_cancel "--answer-after 2" \
    'result: terminated cause=RemoteCancel'
sipp_caller sipp_options uac_options "--calls 0" \
    '→ 200 OK \(OPTIONS\)'
sipp_caller sipp_required_unknown_part uac_required_part "" \
    'declined: 415'
sipp_caller sipp_unsupported_codecs uac_unsupported_codecs "" \
    'declined: 488'
sipp_caller sipp_declined_bandwidth uac_declined_bandwidth "--decline InsufficientBandwidth" \
    'declined: 488 \(FailDueToBandwidthPolicy\)'
sipp_caller sipp_t38_reinvite uac_t38_reinvite "" \
    'result: terminated cause=RemoteBye'
sipp_caller sipp_t38_added_reinvite uac_t38_added_reinvite "" \
    'session: m1 image rejected' 'result: terminated cause=RemoteBye'
sipp_caller sipp_hold_reinvite uac_hold_reinvite "" \
    'session: m0 audio active recvonly' 'result: terminated cause=RemoteBye'
sipp_caller sipp_dismissed_reinvite uac_dismissed_reinvite "--dismiss-renegotiation InsufficientBandwidth" \
    'renegotiation: .* Incoming failed: Dismissed \{ reason: InsufficientBandwidth, response: 488 \}' \
    'result: terminated cause=RemoteBye'

# --- our UAC against our UAS ---------------------------------------------------
# Both sides of the 415 retry over UDP: our UAS takes only application/sdp,
# our UAC's INVITE carries an optional custom part.
self_415() {
    local name=sip_ua_415_sip_ua
    wanted "$name" || return 0
    local dir="$logs/$name"
    mkdir -p "$dir"
    cap_start "$name"
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$ua_port" --rtp-port 40010 --max-time 20 --sdp-only uas \
        >"$dir/uas.log" 2>&1 &
    local uas_pid=$!
    wait_udp "$ua_port"
    timeout -k 5 30 "$ua" --bind "127.0.0.1:$uac_port" --max-time 20 --bye-after 1 \
        uac "sip:sdpoa@127.0.0.1:$ua_port" --custom-part "$logs/custom-part.txt" >"$dir/ua.log" 2>&1
    local uac_rc=$?
    wait "$uas_pid"
    local uas_rc=$?
    cap_stop
    local why
    if [ "$uac_rc" -ne 0 ] || [ "$uas_rc" -ne 0 ]; then
        fail "$name" "sip_ua exit: uac $uac_rc, uas $uas_rc"
    elif ! why=$(check_ua_log "$dir" 'RetryingAfterUnsupportedMedia \{ branch: WithoutOptionalParts \}' \
        'result: terminated cause=Local'); then
        fail "$name" "$why"
    elif ! grep -q '→ 415 Unsupported Media Type (INVITE)  Accept: application/sdp$' "$dir/uas.log" ||
        ! grep -q 'result: terminated cause=RemoteBye' "$dir/uas.log"; then
        fail "$name" "UAS log lacks the 415 or the BYE"
    else
        ok "$name"
    fi
}
self_415

# --- baresip ------------------------------------------------------------------
baresip_caller
baresip_callee

echo "run.sh: done in $((SECONDS - start)) s"
echo "interop: $passed passed, $failed failed"
if [ "$failed" -eq 0 ] && [ "$keep" -eq 0 ]; then
    rm -rf "$logs"
fi
[ "$failed" -eq 0 ]
