// SPDX-License-Identifier: MIT
/*
 * Reference judge for the checker: asks the running Linux kernel (and libpcap's bpf_validate)
 * whether it accepts each classic BPF program, without running any of them on traffic.
 *
 * Usage: linux-attach socket|seccomp|libpcap < programs
 * Input: programs in `tcpdump -ddd` form, one after another: a count line, then "code jt jf k"
 * per instruction (blank lines between programs are allowed; a count of 0 is the empty program).
 * Output: one line per program, "ok" or "err <errno>" ("err 0" for libpcap's plain refusal).
 *
 * socket:  setsockopt(SO_ATTACH_FILTER) on a fresh AF_INET/SOCK_DGRAM socket (net/core/filter.c).
 * seccomp: in a forked child, PR_SET_NO_NEW_PRIVS then PR_SET_SECCOMP (kernel/seccomp.c). Once a
 *          filter is installed every later syscall of the child is judged by it, so the child
 *          reports only failures (through a pipe, before any filter exists) and then exits; a
 *          filter that kills or traps the child is fine: silence means "installed".
 * libpcap: bpf_validate() from libpcap (what pcap_setfilter() checks in userland).
 *
 * Exit status: 0 done, 2 usage or input error, 77 when the loader refuses even `ret #0` (no
 * permission here), so the caller can tell "cannot ask" from a verdict.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#define MAX_PROGRAM 65535

/* Read one program; returns its length, or -1 at end of input. Exits 2 on malformed input. */
static long read_program(struct sock_filter *insns) {
  unsigned long count;
  if (scanf("%lu", &count) != 1) return -1;
  if (count > MAX_PROGRAM) {
    fprintf(stderr, "program of %lu instructions is larger than %d\n", count, MAX_PROGRAM);
    exit(2);
  }
  for (unsigned long i = 0; i < count; i++) {
    unsigned int code, jt, jf, k;
    if (scanf("%u %u %u %u", &code, &jt, &jf, &k) != 4) {
      fprintf(stderr, "expected 4 numbers for instruction %lu\n", i);
      exit(2);
    }
    insns[i].code = (__u16)code;
    insns[i].jt = (__u8)jt;
    insns[i].jf = (__u8)jf;
    insns[i].k = k;
  }
  return (long)count;
}

/* 0 when the kernel attaches the program to a socket, else the errno. */
static int try_socket(struct sock_filter *insns, long len) {
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) return errno;
  struct sock_fprog prog = { (unsigned short)len, insns };
  int err = setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) == 0 ? 0 : errno;
  close(fd);
  return err;
}

/* Child side of try_seccomp: never returns. */
static void install_in_child(struct sock_filter *insns, long len, int report) {
  /* A filter may kill or trap the child: make sure that never leaves a core dump behind. */
  struct rlimit no_core = { 0, 0 };
  setrlimit(RLIMIT_CORE, &no_core);
  prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  struct sock_fprog prog = { (unsigned short)len, insns };
  int err = 0;
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
      prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0) {
    err = errno;
    if (write(report, &err, sizeof err) != sizeof err) _exit(3);
    _exit(1);
  }
  /* Installed: from here on the filter judges each syscall, so make only the last one. */
  _exit(0);
}

/* 0 when the kernel installs the program as a seccomp filter, else the errno. */
static int try_seccomp(struct sock_filter *insns, long len) {
  int fds[2];
  if (pipe(fds) != 0) return errno;
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) return errno;
  if (pid == 0) {
    close(fds[0]);
    install_in_child(insns, len, fds[1]);
  }
  close(fds[1]);
  int err = 0;
  ssize_t got = read(fds[0], &err, sizeof err);
  close(fds[0]);
  int status;
  waitpid(pid, &status, 0);
  return got == (ssize_t)sizeof err ? err : 0;
}

/* 0 when libpcap's bpf_validate accepts the program, else -1. */
static int try_libpcap(struct sock_filter *insns, long len) {
  /* struct bpf_insn and struct sock_filter share one layout: u16 code, u8 jt, u8 jf, u32 k. */
  struct bpf_insn *pcap_insns = (struct bpf_insn *)insns;
  return bpf_validate(pcap_insns, (int)len) ? 0 : -1;
}

int main(int argc, char **argv) {
  int (*judge)(struct sock_filter *, long) = NULL;
  if (argc == 2 && strcmp(argv[1], "socket") == 0) judge = try_socket;
  if (argc == 2 && strcmp(argv[1], "seccomp") == 0) judge = try_seccomp;
  if (argc == 2 && strcmp(argv[1], "libpcap") == 0) judge = try_libpcap;
  if (judge == NULL) {
    fprintf(stderr, "usage: %s socket|seccomp|libpcap < programs\n", argv[0]);
    return 2;
  }
  static struct sock_filter insns[MAX_PROGRAM];
  /* Can we ask at all? `ret #0` is valid everywhere. */
  struct sock_filter probe = { 0x06, 0, 0, 0 };
  int probe_err = judge(&probe, 1);
  if (probe_err != 0) {
    fprintf(stderr, "the loader refuses even `ret #0`: %s\n", strerror(probe_err));
    return 77;
  }
  long len;
  while ((len = read_program(insns)) >= 0) {
    int err = judge(insns, len);
    if (err == 0) {
      printf("ok\n");
    } else {
      printf("err %d\n", err < 0 ? 0 : err);
    }
  }
  return 0;
}
