// SPDX-License-Identifier: MIT
/*
 * Reference harness: what the Linux kernel's classic BPF socket filter does to UDP datagrams.
 *
 * A UDP socket bound to 127.0.0.1:PORT gets each program with SO_ATTACH_FILTER; crafted IPv4
 * datagrams (IPv4 header + UDP header + payload, given in full) are sent to it through a raw
 * IP_HDRINCL socket, so every byte the filter can read (including the IPv4 header that SKF_NET_OFF
 * loads see) is known to the caller. For each datagram the harness reports whether the receiving
 * socket got it and with how many payload bytes, so the caller sees both accept/drop and trimming.
 *
 * A filter drop is told apart from a slow delivery by the socket's drop counter (SO_MEMINFO,
 * SK_MEMINFO_DROPS): the UDP receive path counts a datagram the filter refused there.
 *
 * Usage: linux-socket-filter --port PORT [--mark MARK] [FILE]   (FILE defaults to stdin)
 *
 * Input, one item per line:
 *   D HEX          add a datagram (hex of IPv4 header + UDP header + payload) to the pool
 *   C              empty the pool
 *   P N            a program of N instructions follows, one "code jt jf k" line each (tcpdump -ddd);
 *                  attach it and send it every datagram of the pool, in order
 * Output, for each P:
 *   attached                          then one line per pooled datagram:
 *     recv N                          received with N payload bytes (after any trimming)
 *     drop                            the socket counted it as dropped
 *     timeout | send-error ERRNO_NAME neither happened in time / sendto failed
 *   attach-error ERRNO_NAME           the kernel refused the program (no datagram lines follow)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/filter.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_INSNS 4096
#define MAX_DATAGRAM 65536
/* How long a datagram may take to show up or be counted as dropped before we call it lost. */
#define WAIT_MS 2000
#define MAX_POOL 4096

static int rx_fd = -1;
static int tx_fd = -1;
static unsigned char *pool[MAX_POOL];
static long pool_len[MAX_POOL];
static int pool_count = 0;

static void die(const char *what) {
  fprintf(stderr, "linux-socket-filter: %s: %s (%s)\n", what, strerror(errno), strerrorname_np(errno));
  exit(3);
}

static uint32_t drop_count(void) {
  uint32_t info[SK_MEMINFO_VARS];
  socklen_t len = sizeof(info);
  memset(info, 0, sizeof(info));
  if (getsockopt(rx_fd, SOL_SOCKET, SO_MEMINFO, info, &len) != 0) die("getsockopt SO_MEMINFO");
  return info[SK_MEMINFO_DROPS];
}

static void open_sockets(int port, long mark) {
  rx_fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (rx_fd < 0) die("socket(udp)");
  int rcvbuf = 4 << 20;
  setsockopt(rx_fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(rx_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) die("bind");
  /* IPPROTO_RAW implies IP_HDRINCL: the kernel sends our IPv4 header as given (it rewrites only
   * tot_len and the checksum, which we already fill in correctly, and an id of 0). */
  tx_fd = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
  if (tx_fd < 0) die("socket(raw)");
  if (mark >= 0) {
    unsigned int m = (unsigned int)mark;
    if (setsockopt(tx_fd, SOL_SOCKET, SO_MARK, &m, sizeof(m)) != 0) die("setsockopt SO_MARK");
  }
}

static void drain(void) {
  static unsigned char buf[MAX_DATAGRAM];
  while (recv(rx_fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0) {
  }
}

static int read_program(FILE *in, long count, struct sock_filter *insns) {
  char line[256];
  for (long i = 0; i < count; i++) {
    unsigned long code, jt, jf, k;
    if (!fgets(line, sizeof(line), in)) return 0;
    if (sscanf(line, "%lu %lu %lu %lu", &code, &jt, &jf, &k) != 4) return 0;
    insns[i].code = (uint16_t)code;
    insns[i].jt = (uint8_t)jt;
    insns[i].jf = (uint8_t)jf;
    insns[i].k = (uint32_t)k;
  }
  return 1;
}

static int attach(struct sock_filter *insns, long count) {
  struct sock_fprog prog = {.len = (unsigned short)count, .filter = insns};
  drain();
  if (setsockopt(rx_fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) != 0) {
    printf("attach-error %s\n", strerrorname_np(errno));
    return 0;
  }
  printf("attached\n");
  return 1;
}

static int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static long decode_hex(const char *text, unsigned char *out, long cap) {
  long n = 0;
  while (hex_value(text[0]) >= 0 && hex_value(text[1]) >= 0 && n < cap) {
    out[n++] = (unsigned char)(hex_value(text[0]) << 4 | hex_value(text[1]));
    text += 2;
  }
  return n;
}

static void send_datagram(const unsigned char *pkt, long len) {
  static unsigned char buf[MAX_DATAGRAM];
  if (len < 20) {
    printf("send-error EINVAL\n");
    return;
  }
  struct sockaddr_in dst = {.sin_family = AF_INET};
  memcpy(&dst.sin_addr.s_addr, pkt + 16, 4);
  uint32_t before = drop_count();
  if (sendto(tx_fd, pkt, (size_t)len, 0, (struct sockaddr *)&dst, sizeof(dst)) != len) {
    printf("send-error %s\n", strerrorname_np(errno));
    return;
  }
  for (int waited = 0; waited <= WAIT_MS; waited++) {
    ssize_t got = recv(rx_fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (got >= 0) {
      printf("recv %ld\n", (long)got);
      return;
    }
    if (drop_count() != before) {
      printf("drop\n");
      return;
    }
    struct pollfd pfd = {.fd = rx_fd, .events = POLLIN};
    poll(&pfd, 1, 1);
  }
  printf("timeout\n");
}

int main(int argc, char **argv) {
  int port = -1;
  long mark = -1;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) port = atoi(argv[++i]);
    else if (strcmp(argv[i], "--mark") == 0 && i + 1 < argc) mark = strtol(argv[++i], NULL, 0);
    else path = argv[i];
  }
  if (port <= 0 || port > 65535) {
    fprintf(stderr, "usage: linux-socket-filter --port PORT [--mark MARK] [FILE]\n");
    return 2;
  }
  FILE *in = path ? fopen(path, "r") : stdin;
  if (!in) die("open input");
  open_sockets(port, mark);
  static struct sock_filter insns[MAX_INSNS];
  static unsigned char pkt[MAX_DATAGRAM];
  static char line[2 * MAX_DATAGRAM + 16];
  while (fgets(line, sizeof(line), in)) {
    if (line[0] == 'P') {
      long count = strtol(line + 1, NULL, 10);
      if (count < 0 || count > MAX_INSNS || !read_program(in, count, insns)) {
        fprintf(stderr, "linux-socket-filter: bad program block\n");
        return 2;
      }
      if (attach(insns, count))
        for (int i = 0; i < pool_count; i++) send_datagram(pool[i], pool_len[i]);
    } else if (line[0] == 'D') {
      const char *text = line + 1;
      while (*text == ' ') text++;
      long len = decode_hex(text, pkt, sizeof(pkt));
      if (pool_count == MAX_POOL) {
        fprintf(stderr, "linux-socket-filter: more than %d pooled datagrams\n", MAX_POOL);
        return 2;
      }
      pool[pool_count] = malloc((size_t)len + 1);
      memcpy(pool[pool_count], pkt, (size_t)len);
      pool_len[pool_count++] = len;
    } else if (line[0] == 'C') {
      while (pool_count > 0) free(pool[--pool_count]);
    }
  }
  return 0;
}
