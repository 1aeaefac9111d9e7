// SPDX-License-Identifier: MIT
/*
 * Reference harness: libpcap's userland interpreter bpf_filter() over the packets of a pcap file.
 *
 * Usage:
 *   libpcap-filter PROGRAMS CAPTURE              print one verdict per line (see below)
 *   libpcap-filter --bench PASSES PROGRAMS CAPTURE
 *                                                load every packet into memory first, then time
 *                                                PASSES passes of each program over all of them
 *
 * PROGRAMS holds one or more programs in tcpdump -ddd form, one after another: a count line, then
 * "code jt jf k" per instruction. Each program is checked with bpf_validate() first, because
 * bpf_filter() calls abort() on codes the validator is trusted to have refused (bpf_filter.c's
 * default case). bpf_validate() lets some of those through (ret x, and any code in the MISC and RET
 * classes), so the harness also refuses any code outside the set bpf_filter() runs. A program
 * bpf_validate() refuses prints the single line "invalid" instead of its verdicts, one with a code
 * bpf_filter() cannot run prints "unsupported".
 * Otherwise it prints one line per packet: the unsigned value bpf_filter() returned, given the
 * record's captured length as buflen and its original length as wirelen.
 *
 * In --bench mode each program prints one line: "<ns per packet> <packets accepted per pass>",
 * the time being the CPU time of the fastest pass (clock_gettime, CLOCK_PROCESS_CPUTIME_ID: on a
 * shared machine, time spent descheduled is not the filter's). Only the filter loop is timed.
 *
 * CAPTURE is a classic pcap file (microsecond or nanosecond magic, either byte order).
 */
#include <sys/types.h> /* u_int and friends, which pcap/bpf.h expects */
#include <pcap/bpf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct packet {
  const unsigned char *data;
  uint32_t caplen;
  uint32_t wirelen;
};

struct capture {
  unsigned char *bytes;
  struct packet *packets;
  size_t count;
};

static void fail(const char *message, const char *detail) {
  fprintf(stderr, "libpcap-filter: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
  exit(2);
}

static uint32_t read_u32(const unsigned char *p, int swapped) {
  uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
  if (swapped) v = (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
  return v;
}

static unsigned char *slurp(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) fail("cannot open", path);
  fseek(f, 0, SEEK_END);
  long end = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)end + 1);
  if (!buf || fread(buf, 1, (size_t)end, f) != (size_t)end) fail("cannot read", path);
  fclose(f);
  *size = (size_t)end;
  return buf;
}

/* The whole file stays in memory; packets point into it. The header fields are little-endian
 * when the magic reads as 0xa1b2c3d4/0xa1b23c4d that way, big-endian otherwise. */
static struct capture load_capture(const char *path) {
  struct capture cap = {0};
  size_t size;
  cap.bytes = slurp(path, &size);
  if (size < 24) fail("not a pcap file (too short)", path);
  uint32_t magic = read_u32(cap.bytes, 0);
  int swapped;
  if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) swapped = 0;
  else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) swapped = 1;
  else fail("not a classic pcap file (bad magic)", path);
  size_t capacity = 1024;
  cap.packets = malloc(capacity * sizeof(struct packet));
  size_t offset = 24;
  while (offset + 16 <= size) {
    uint32_t caplen = read_u32(cap.bytes + offset + 8, swapped);
    uint32_t wirelen = read_u32(cap.bytes + offset + 12, swapped);
    if (caplen > size - offset - 16) fail("truncated record", path);
    if (cap.count == capacity) {
      capacity *= 2;
      cap.packets = realloc(cap.packets, capacity * sizeof(struct packet));
    }
    cap.packets[cap.count++] = (struct packet){cap.bytes + offset + 16, caplen, wirelen};
    offset += 16 + (size_t)caplen;
  }
  return cap;
}

/* Reads the next -ddd program from `in`; returns its length, 0 at end of input. */
static int read_program(FILE *in, struct bpf_insn **insns) {
  long count;
  if (fscanf(in, "%ld", &count) != 1) return 0;
  if (count <= 0 || count > 1 << 20) fail("bad instruction count in program file", NULL);
  *insns = realloc(*insns, (size_t)count * sizeof(struct bpf_insn));
  for (long i = 0; i < count; i++) {
    unsigned long code, jt, jf, k;
    if (fscanf(in, "%lu %lu %lu %lu", &code, &jt, &jf, &k) != 4) fail("truncated program", NULL);
    (*insns)[i] = (struct bpf_insn){(u_short)code, (u_char)jt, (u_char)jf, (bpf_u_int32)k};
  }
  return (int)count;
}

/* The exact codes bpf_filter.c has a case for (libpcap 1.10.3); anything else reaches abort(). */
static const unsigned short RUNNABLE[] = {
    0x06, 0x16,                                     /* ret #k, ret a */
    0x20, 0x28, 0x30, 0x40, 0x48, 0x50,             /* ld/ldh/ldb [k], [x + k] */
    0x80, 0x81, 0x00, 0x01, 0x60, 0x61, 0xb1,       /* ld/ldx #len, #k, M[k]; ldxb 4*([k]&0xf) */
    0x02, 0x03, 0x07, 0x87,                         /* st, stx, tax, txa */
    0x05, 0x15, 0x1d, 0x25, 0x2d, 0x35, 0x3d, 0x45, 0x4d, /* ja, jeq, jgt, jge, jset */
    0x04, 0x0c, 0x14, 0x1c, 0x24, 0x2c, 0x34, 0x3c, 0x44, 0x4c, /* add sub mul div or */
    0x54, 0x5c, 0x64, 0x6c, 0x74, 0x7c, 0x84, 0x94, 0x9c, 0xa4, 0xac, /* and lsh rsh neg mod xor */
};

static int runnable(const struct bpf_insn *insns, int count) {
  for (int i = 0; i < count; i++) {
    int known = 0;
    for (size_t j = 0; j < sizeof(RUNNABLE) / sizeof(RUNNABLE[0]); j++) known |= insns[i].code == RUNNABLE[j];
    if (!known) return 0;
  }
  return 1;
}

static double cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void print_verdicts(const struct bpf_insn *insns, const struct capture *cap) {
  for (size_t i = 0; i < cap->count; i++) {
    const struct packet *p = &cap->packets[i];
    printf("%u\n", bpf_filter(insns, p->data, p->wirelen, p->caplen));
  }
}

/* The fastest pass is reported: on a shared machine the slower ones measure the neighbours too. */
static void bench(const struct bpf_insn *insns, const struct capture *cap, long passes) {
  size_t accepted = 0;
  double best = 0;
  for (long pass = 0; pass < passes; pass++) {
    double start = cpu_ns();
    accepted = 0;
    for (size_t i = 0; i < cap->count; i++) {
      const struct packet *p = &cap->packets[i];
      accepted += bpf_filter(insns, p->data, p->wirelen, p->caplen) != 0;
    }
    double elapsed = cpu_ns() - start;
    if (pass == 0 || elapsed < best) best = elapsed;
  }
  printf("%.3f %zu\n", cap->count ? best / (double)cap->count : 0, accepted);
}

int main(int argc, char **argv) {
  long passes = 0;
  int arg = 1;
  if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
    if (argc < 3) fail("--bench needs a pass count", NULL);
    passes = strtol(argv[2], NULL, 10);
    if (passes <= 0) fail("--bench needs a positive pass count", argv[2]);
    arg = 3;
  }
  if (argc - arg != 2) {
    fprintf(stderr, "usage: libpcap-filter [--bench PASSES] PROGRAMS CAPTURE\n");
    return 2;
  }
  FILE *programs = fopen(argv[arg], "r");
  if (!programs) fail("cannot open", argv[arg]);
  struct capture cap = load_capture(argv[arg + 1]);
  struct bpf_insn *insns = NULL;
  int count;
  while ((count = read_program(programs, &insns)) > 0) {
    if (!bpf_validate(insns, count)) printf("invalid\n");
    else if (!runnable(insns, count)) printf("unsupported\n");
    else if (passes > 0) bench(insns, &cap, passes);
    else print_verdicts(insns, &cap);
  }
  return 0;
}
