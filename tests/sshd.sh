#!/usr/bin/env bash
# tests/sshd.sh start DIR | stop DIR
#
# An sshd of the test run's own, for the sharded pipeline over ssh
# (tests/pipelines.bats): on 127.0.0.1 only, on a spare port (never 22),
# with a host key and a user key made for the run in DIR, which must be an
# empty folder of the caller's (mktemp -d).  Key login only, as the user
# running the tests (root in CI); StrictModes off, since DIR is a temporary
# folder; the client side's known_hosts and options in DIR/ssh_config.  The
# daemon is bounded in time (QP_SSH_TIMEOUT seconds, default 5400: CI's
# limit) and `stop` ends it and removes DIR.
#
# `start` prints, for eval, the variables the test reads:
#   QP_SSH_PORT    the port
#   QP_SSH_CONFIG  the ssh client config (key, known_hosts, BatchMode)
#   QP_SSH_LOGIN   a GNU parallel sshlogin: 1/ssh -F CONFIG -p PORT 127.0.0.1
# Exit status 3 when sshd is not installed, 1 when it would not start.
set -u
cmd=${1:-} dir=${2:-}
case $cmd in start|stop) ;; *) echo "usage: tests/sshd.sh start|stop DIR" >&2; exit 2 ;; esac
[ -n "$dir" ] && [ -d "$dir" ] || { echo "sshd.sh: $dir: not a folder" >&2; exit 2; }
dir=$(cd "$dir" && pwd)

if [ "$cmd" = stop ]; then
	if [ -s "$dir/pid" ]; then
		kill "$(cat "$dir/pid")" 2>/dev/null
		# the daemon's own pid, should timeout not have passed the signal on
		[ -s "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid" 2>/dev/null)" 2>/dev/null
	fi
	rm -rf "$dir"
	exit 0
fi

sshd=$(command -v sshd || { [ -x /usr/sbin/sshd ] && echo /usr/sbin/sshd; })
[ -n "$sshd" ] || { echo "sshd.sh: sshd is not installed (Debian: openssh-server)" >&2; exit 3; }
command -v ssh >/dev/null || { echo "sshd.sh: ssh is not installed (Debian: openssh-client)" >&2; exit 3; }
user=$(id -un)
ssh-keygen -q -t ed25519 -N '' -C qualpipe-test-host -f "$dir/host_key" || exit 1
ssh-keygen -q -t ed25519 -N '' -C qualpipe-test-user -f "$dir/id" || exit 1
cp "$dir/id.pub" "$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"
# Root's sshd wants its privilege separation folder (Debian's service
# makes it at boot, and no service runs here).
[ "$(id -u)" != 0 ] || mkdir -p /run/sshd

started=
for _ in 1 2 3 4 5 6 7 8; do
	port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
	cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
AllowUsers $user
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
X11Forwarding no
AllowTcpForwarding no
PermitTunnel no
MaxStartups 64
MaxSessions 64
LogLevel ERROR
EOF
	cat >"$dir/ssh_config" <<EOF
Host 127.0.0.1
	User $user
	IdentityFile $dir/id
	IdentitiesOnly yes
	UserKnownHostsFile $dir/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	BatchMode yes
	ConnectTimeout 10
	LogLevel ERROR
EOF
	printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d ' ' -f 1,2 "$dir/host_key.pub")" >"$dir/known_hosts"
	"$sshd" -t -f "$dir/sshd_config" || exit 1
	timeout "${QP_SSH_TIMEOUT:-5400}" "$sshd" -D -e -f "$dir/sshd_config" \
		</dev/null >>"$dir/sshd.log" 2>&1 &
	echo $! >"$dir/pid"
	for _ in $(seq 50); do
		if ssh -F "$dir/ssh_config" -p "$port" 127.0.0.1 true </dev/null 2>>"$dir/ssh.log"; then
			started=1
			break
		fi
		kill -0 "$(cat "$dir/pid")" 2>/dev/null || break   # the port was taken
		sleep 0.2
	done
	[ -n "$started" ] && break
	kill "$(cat "$dir/pid")" 2>/dev/null
	wait 2>/dev/null
done
if [ -z "$started" ]; then
	echo "sshd.sh: sshd would not start on 127.0.0.1:" >&2
	cat "$dir/sshd.log" "$dir/ssh.log" >&2
	exit 1
fi
printf 'QP_SSH_PORT=%s\nQP_SSH_CONFIG=%s\nQP_SSH_LOGIN=%q\n' "$port" "$dir/ssh_config" \
	"1/ssh -F $dir/ssh_config -p $port 127.0.0.1"
