// SPDX-License-Identifier: MIT
/*
 * Reference harness: libpcap's filter compiler (pcap_compile on pcap_open_dead) and its userland
 * interpreter (bpf_filter) over the packets of capture files, for the filter compiler's
 * differential tests.
 *
 * Usage: libpcap-compile < COMMANDS
 *
 * COMMANDS is one command per line:
 *   capture PATH                      read every packet of a capture (pcap or pcapng, through
 *                                     libpcap's own reader); prints "capture N LINKTYPE COUNT"
 *                                     where N numbers the captures from 0 and LINKTYPE is the DLT
 *   compile DLT SNAPLEN OPT NETMASK EXPR
 *                                     compile EXPR (the rest of the line) for DLT with the given
 *                                     snaplen, optimizer flag (0 or 1) and netmask (an unsigned
 *                                     number; 4294967295 is PCAP_NETMASK_UNKNOWN). Prints
 *                                     "error MESSAGE" or "program COUNT" followed by COUNT lines
 *                                     "code jt jf k" (tcpdump -ddd), then one line
 *                                     "verdicts N v1 v2 ..." per loaded capture N whose DLT is
 *                                     DLT: bpf_filter's return value for each packet, given the
 *                                     captured length as buflen and the original length as wirelen.
 *   compilefile N SNAPLEN OPT NETMASK EXPR
 *                                     the same, but compiled on the pcap_t of capture N opened as a
 *                                     savefile (libpcap then generates code for reading files,
 *                                     as tcpdump -r does); verdicts for captures of N's DLT
 * Every answer ends with a line "end", so a reader never has to guess where it stops.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct packet {
  unsigned char *data;
  uint32_t caplen;
  uint32_t wirelen;
};

struct capture {
  char *path;
  int dlt;
  size_t count;
  struct packet *packets;
};

static struct capture captures[64];
static int capture_count;

static void load_capture(const char *path) {
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *p = pcap_open_offline(path, errbuf);
  if (!p) {
    printf("error %s\nend\n", errbuf);
    return;
  }
  if (capture_count == (int)(sizeof(captures) / sizeof(captures[0]))) {
    printf("error too many captures\nend\n");
    pcap_close(p);
    return;
  }
  struct capture *cap = &captures[capture_count];
  cap->path = strdup(path);
  cap->dlt = pcap_datalink(p);
  size_t capacity = 64;
  cap->packets = malloc(capacity * sizeof(struct packet));
  struct pcap_pkthdr *header;
  const u_char *data;
  /* A damaged file ends the walk at the damage, like a reader that keeps what came before. */
  while (pcap_next_ex(p, &header, &data) == 1) {
    if (cap->count == capacity) {
      capacity *= 2;
      cap->packets = realloc(cap->packets, capacity * sizeof(struct packet));
    }
    unsigned char *copy = malloc(header->caplen ? header->caplen : 1);
    memcpy(copy, data, header->caplen);
    cap->packets[cap->count++] = (struct packet){copy, header->caplen, header->len};
  }
  pcap_close(p);
  printf("capture %d %d %zu\nend\n", capture_count, cap->dlt, cap->count);
  capture_count++;
}

/* Compile EXPR on `p` and print the program and the verdicts for every capture of DLT `dlt`. */
static void compile_on(pcap_t *p, int dlt, int optimize, unsigned long netmask, const char *expr) {
  struct bpf_program prog;
  if (pcap_compile(p, &prog, expr, optimize, (bpf_u_int32)netmask) != 0) {
    printf("error %s\nend\n", pcap_geterr(p));
    return;
  }
  printf("program %u\n", prog.bf_len);
  for (u_int i = 0; i < prog.bf_len; i++) {
    const struct bpf_insn *in = &prog.bf_insns[i];
    printf("%u %u %u %u\n", in->code, in->jt, in->jf, in->k);
  }
  for (int c = 0; c < capture_count; c++) {
    if (captures[c].dlt != dlt) continue;
    printf("verdicts %d", c);
    for (size_t i = 0; i < captures[c].count; i++) {
      const struct packet *pk = &captures[c].packets[i];
      printf(" %u", bpf_filter(prog.bf_insns, pk->data, pk->wirelen, pk->caplen));
    }
    printf("\n");
  }
  printf("end\n");
  pcap_freecode(&prog);
}

static void compile(char *args, int savefile) {
  int target, snaplen, optimize;
  unsigned long netmask;
  int used = 0;
  if (sscanf(args, "%d %d %d %lu %n", &target, &snaplen, &optimize, &netmask, &used) != 4) {
    printf("error bad compile command\nend\n");
    return;
  }
  const char *expr = args + used;
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *p;
  if (!savefile) p = pcap_open_dead(target, snaplen);
  else if (target < 0 || target >= capture_count) p = NULL;
  else p = pcap_open_offline(captures[target].path, errbuf);
  if (!p) {
    printf("error cannot open a pcap_t for this command\nend\n");
    return;
  }
  /* A savefile's pcap_t keeps the file's snaplen; the filter's accept value follows it. */
  compile_on(p, savefile ? captures[target].dlt : target, optimize, netmask, expr);
  pcap_close(p);
}

int main(void) {
  static char line[1 << 16];
  while (fgets(line, sizeof line, stdin)) {
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (strncmp(line, "capture ", 8) == 0) load_capture(line + 8);
    else if (strncmp(line, "compile ", 8) == 0) compile(line + 8, 0);
    else if (strncmp(line, "compilefile ", 12) == 0) compile(line + 12, 1);
    else if (n > 0) printf("error unknown command\nend\n");
    fflush(stdout);
  }
  return 0;
}
