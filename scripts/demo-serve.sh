#!/usr/bin/env bash
# Serve the demo: gunicorn, the task worker and the scheduler side by side.
# Ctrl+C (or SIGTERM) stops all three; so does any one of them exiting.
set -uo pipefail
VENV=${VENV:-.venv}
pids=()

stop() {
    trap - INT TERM EXIT
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    wait "${pids[@]}" 2>/dev/null
    exit 0
}
trap stop INT TERM EXIT

"$VENV/bin/python" manage.py db_worker --no-reload --no-startup-delay &
pids+=($!)
"$VENV/bin/python" manage.py scheduler &
pids+=($!)
"$VENV/bin/gunicorn" crossborder.wsgi --bind 127.0.0.1:8000 --workers "${WEB_CONCURRENCY:-2}" \
    --access-logfile - --error-logfile - &
pids+=($!)
echo "demo-serve: gunicorn, worker and scheduler running (pids ${pids[*]}); Ctrl+C stops them."
wait -n "${pids[@]}"
