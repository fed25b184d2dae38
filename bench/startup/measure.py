#!/usr/bin/env python3
"""Start-up timing: runs each command N times, interleaved (one of each per
round, so load changes hit them all alike), and prints per command the mean
and median wall time, the mean CPU time (user + system, from wait4's rusage)
and the mean minor page faults. Output and input are /dev/null.

Usage: measure.py [-n RUNS] [--cwd DIR] LABEL=COMMAND ...   (COMMAND split on spaces)
"""
import argparse
import os
import statistics
import time


def spawn(argv, devnull):
    pid = os.posix_spawn(argv[0], argv, os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                                       (os.POSIX_SPAWN_DUP2, devnull, 2)])
    return pid


def run_once(argv, devnull):
    start = time.perf_counter()
    pid = spawn(argv, devnull)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)}: exit {os.waitstatus_to_exitcode(status)}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_minflt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--cwd")
    parser.add_argument("commands", nargs="+")
    args = parser.parse_args()
    if args.cwd:
        os.chdir(args.cwd)
    commands = []
    for spec in args.commands:
        label, _, command = spec.partition("=")
        commands.append((label, command.split()))
    samples = {label: [] for label, _ in commands}
    devnull = os.open(os.devnull, os.O_RDWR)
    for label, argv in commands:  # warm the page cache
        run_once(argv, devnull)
    for _ in range(args.n):
        for label, argv in commands:
            samples[label].append(run_once(argv, devnull))
    print(f"{'command':<28} {'wall mean':>10} {'wall median':>12} {'CPU mean':>9} {'faults':>7}   ({args.n} interleaved runs each)")
    for label, _ in commands:
        walls = [s[0] for s in samples[label]]
        cpus = [s[1] for s in samples[label]]
        faults = [s[2] for s in samples[label]]
        print(f"{label:<28} {statistics.mean(walls):8.2f} ms {statistics.median(walls):9.2f} ms "
              f"{statistics.mean(cpus):6.2f} ms {statistics.mean(faults):7.0f}")


if __name__ == "__main__":
    main()
