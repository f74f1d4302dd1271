"""Memory and CPU of a server process, read from /proc (psutil is not in the pinned environment)."""

import os


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the highest resident set size the process has had since it started."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise ValueError(f"VmHWM absent de /proc/{pid}/status")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process, all its threads included."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # after "pid (name)"; utime, stime are fields 14, 15
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
