#!/usr/bin/env bash
# Interop checks against third-party SIP software on 127.0.0.1.
#
#   run.sh INTEROP_BINARY WORKDIR
#
#  1. tshark decodes every message the builders produce: each packet must be
#     SIP, carry no "Malformed" expert info, and show the same method/status,
#     Call-ID, CSeq, Via count and Content-Length as our own parser reads.
#  2. kamailio (started here, stopped here by PID) takes our OPTIONS,
#     REGISTER, INVITE, ACK and unREGISTER and relays an INVITE back to us.
#
# Exit 0 when both passed, 77 (skipped) when tshark or kamailio is not
# installed (scripts/deps.sh kamailio tshark), 1 on any failure.
set -uo pipefail
bin=${1:?usage: run.sh INTEROP_BINARY WORKDIR}
work=${2:?usage: run.sh INTEROP_BINARY WORKDIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
kam=$(command -v kamailio || ls /usr/sbin/kamailio 2>/dev/null || true)
if ! command -v tshark >/dev/null || [ -z "$kam" ]; then
	echo "SKIP: interop needs tshark and kamailio (scripts/deps.sh kamailio tshark)"
	exit 77
fi
rm -rf "$work" && mkdir -p "$work"
fail=0

# ---- 1. tshark -------------------------------------------------------------
"$bin" pcap "$work/built.pcap" >"$work/expect.txt" || { cat "$work/expect.txt"; fail=1; }
# one line per frame; fields tab-separated, repeated values joined by '|'
tshark -n -r "$work/built.pcap" -T fields -E separator=/t -E aggregator='|' -E occurrence=a \
	-e frame.number -e frame.protocols -e _ws.expert.group -e _ws.expert.message -e _ws.malformed \
	-e sip.Method -e sip.Status-Code -e sip.Call-ID -e sip.CSeq.seq -e sip.Via -e sip.Content-Length \
	>"$work/tshark.txt" 2>"$work/tshark.err" || { cat "$work/tshark.err"; fail=1; }
frames=0
while IFS=$'\t' read -r tag num what callid cseq vias clen name; do
	[ "$tag" = expect ] || continue
	frames=$((frames + 1))
	line=$(awk -F'\t' -v n="$num" '$1 == n' "$work/tshark.txt")
	IFS=$'\x1f' read -r _ protos groups msgs malformed t_method t_status t_callid t_cseq t_via t_clen \
		<<<"$(tr '\t' '\037' <<<"$line")"
	problems=()
	[[ ":$protos:" == *:sip:* ]] || problems+=("not decoded as SIP ($protos)")
	# expert group 0x07000000 is "Malformed"
	[[ "|$groups|" == *"|117440512|"* || -n "$malformed" ]] && problems+=("malformed: $msgs")
	[ "${t_method:-$t_status}" = "$what" ] || problems+=("start line: tshark '${t_method:-$t_status}', we '$what'")
	[ "$t_callid" = "$callid" ] || problems+=("Call-ID: tshark '$t_callid', we '$callid'")
	[ "$t_cseq" = "$cseq" ] || problems+=("CSeq: tshark '$t_cseq', we '$cseq'")
	n_via=$(awk -F'|' '{ print NF }' <<<"$t_via")
	[ "$n_via" = "$vias" ] || problems+=("Via count: tshark $n_via, we $vias")
	[ "${t_clen:-0}" = "$clen" ] || problems+=("Content-Length: tshark '$t_clen', we '$clen'")
	if [ ${#problems[@]} -eq 0 ]; then
		echo "ok   tshark frame $num: $name"
	else
		echo "FAIL tshark frame $num: $name: ${problems[*]}"
		fail=1
	fi
done <"$work/expect.txt"
[ "$frames" -gt 0 ] || { echo "FAIL no frames written"; fail=1; }

# ---- 2. kamailio -------------------------------------------------------------
rundir=$work/kamailio
mkdir -p "$rundir"
kpid=
stop_kamailio() {
	[ -n "$kpid" ] || return 0
	kill -TERM "$kpid" 2>/dev/null
	for _ in $(seq 1 50); do
		kill -0 "$kpid" 2>/dev/null || { kpid=; return 0; }
		sleep 0.1
	done
	# workers are its children; take them down with it
	kids=$(awk -v p="$kpid" '$4 == p { print $1 }' /proc/[0-9]*/stat 2>/dev/null)
	kill -KILL "$kpid" $kids 2>/dev/null
	kpid=
}
trap stop_kamailio EXIT
up=0
for attempt in 1 2 3; do
	port=$("$bin" free-port) || break
	"$kam" -DD -E -f "$here/kamailio.cfg" -A "SIP_PORT=$port" -P "$rundir/kamailio.pid" -Y "$rundir" -w "$rundir" \
		-m 32 -M 4 </dev/null >"$rundir/kamailio.log" 2>&1 &
	kpid=$!
	for _ in $(seq 1 50); do
		kill -0 "$kpid" 2>/dev/null || break
		if "$bin" probe "$port"; then up=1; break; fi
		sleep 0.2
	done
	[ "$up" = 1 ] && break
	stop_kamailio
done
if [ "$up" != 1 ]; then
	echo "FAIL kamailio did not answer OPTIONS; log tail:"
	tail -n 20 "$rundir/kamailio.log"
	exit 1
fi
echo "kamailio pid $kpid on udp:127.0.0.1:$port"
"$bin" kamailio "$port" || fail=1
stop_kamailio
if [ "$fail" != 0 ]; then
	echo "kamailio log tail:"
	tail -n 30 "$rundir/kamailio.log"
fi
exit "$fail"
