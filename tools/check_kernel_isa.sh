#!/bin/sh
# Checks that a compiled kernel object uses only its own instruction set: the portable kernel
# no 256- or 512-bit registers, the AVX2 kernel no AVX-512 (zmm registers, the upper 16 vector
# registers, mask registers or embedded broadcasts). A -march=native in the build must not
# leak into them: a forced kernel has to be the code that a CPU without the newer set runs.
#   check_kernel_isa.sh OBJDUMP portable|avx2 OBJECT
# Exits 1 and prints the first offending instructions when the object breaks its set.
#   check_kernel_isa.sh --expect-rejection OBJDUMP portable|avx2 OBJECT
# The check of the check: exits 0 only when the object breaks the set (for an object of a
# newer set), 1 when it does not.
set -eu
if [ "$1" = --expect-rejection ]; then
  shift
  status=0
  sh "$0" "$@" || status=$?
  [ "$status" -eq 1 ] && { echo "rejected, as expected"; exit 0; }
  echo "expected a rejection (status 1), got status $status" >&2
  exit 1
fi
objdump_program=$1 kernel=$2 object=$3
case $kernel in
portable) pattern='%[yz]mm[0-9]' ;;
avx2) pattern='%zmm[0-9]|%[xy]mm(1[6-9]|2[0-9]|3[01])\b|\{1to[0-9]+\}|%k[0-7]' ;;
*) echo "unknown kernel set: $kernel (portable or avx2)" >&2; exit 2 ;;
esac
[ -f "$object" ] || { echo "no such object: $object" >&2; exit 2; }
found=$("$objdump_program" -d --no-show-raw-insn "$object" | grep -E "$pattern" | head -5 || true)
if [ -n "$found" ]; then
  echo "$object: the $kernel kernel uses instructions of a newer set:" >&2
  echo "$found" >&2
  exit 1
fi
count=$("$objdump_program" -d --no-show-raw-insn "$object" | grep -c 'mm[0-9]' || true)
[ "$count" -gt 0 ] || { echo "$object: no vector instructions found; wrong object?" >&2; exit 1; }
echo "$object: only $kernel instructions ($count vector instructions)"
