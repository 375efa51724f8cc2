#!/usr/bin/env bash
# Check what `make` needs before it builds anything, and say plainly what is missing.
set -u
python=${1:-python3}
fail=0
if ! command -v "$python" >/dev/null 2>&1; then
  echo "Python 3.11 or newer is needed: apt-get install -y python3 python3-venv"; fail=1
elif ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed; $python is $("$python" --version 2>&1)"; fail=1
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "Node.js and npm are needed (Pyodide comes from the npm registry): apt-get install -y nodejs npm"; fail=1
fi
exit $fail
