#!/usr/bin/env python3
"""Lists the files of Debian packages for a tar archive (scripts/lab.sh node-build): each at its
real path (merged /usr: /bin, /lib and /sbin are links to /usr/...), its directories before it,
no link to a directory, no docs. Reads `dpkg -L` output on stdin; writes paths relative to /."""
import os
import sys

SKIP = ('/usr/share/doc/', '/usr/share/man/', '/usr/share/info/', '/usr/share/locale/', '/usr/share/lintian/')
out, seen = [], set()
for line in sys.stdin:
    f = line.rstrip('\n')
    if not f.startswith('/') or f.startswith(SKIP):
        continue
    if os.path.islink(f) and os.path.isdir(f):
        continue
    if not (os.path.isfile(f) or os.path.islink(f)):
        continue
    d = os.path.realpath(os.path.dirname(f))
    path = os.path.join(d, os.path.basename(f))
    parents = []
    while d != '/':
        parents.append(d)
        d = os.path.dirname(d)
    for p in [*reversed(parents), path]:
        if p not in seen:
            seen.add(p)
            out.append(p[1:])
sys.stdout.write('\n'.join(sorted(out)) + '\n')
