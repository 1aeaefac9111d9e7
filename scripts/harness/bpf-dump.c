// SPDX-License-Identifier: MIT
/*
 * Reference printer for program listings: reads a program in `tcpdump -ddd` form on stdin
 * (a count line, then "code jt jf k" per instruction) and prints it with libpcap's own
 * bpf_dump(), the function behind `tcpdump -d` (mode 1), `-dd` (2) and `-ddd` (3).
 * Usage: bpf-dump MODE < program.ddd
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s 1|2|3 < program.ddd\n", argv[0]);
    return 2;
  }
  unsigned int count;
  if (scanf("%u", &count) != 1 || count == 0) {
    fprintf(stderr, "expected a count line\n");
    return 1;
  }
  struct bpf_insn *insns = calloc(count, sizeof *insns);
  if (insns == NULL) return 1;
  for (unsigned int i = 0; i < count; i++) {
    unsigned int code, jt, jf, k;
    if (scanf("%u %u %u %u", &code, &jt, &jf, &k) != 4) {
      fprintf(stderr, "expected 4 numbers for instruction %u\n", i);
      return 1;
    }
    insns[i].code = (u_short)code;
    insns[i].jt = (u_char)jt;
    insns[i].jf = (u_char)jf;
    insns[i].k = k;
  }
  struct bpf_program prog = { count, insns };
  bpf_dump(&prog, atoi(argv[1]));
  free(insns);
  return 0;
}
