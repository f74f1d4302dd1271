"""Starting and talking to the real servers, for the tests and the benchmark alike (no pytest here).

`servers`: spare ports, the environment, the action server, Rasa, the chat page, PostgreSQL and Redis,
`make serve-scale`'s two servers, a REST conversation (Chat); `stack`: `make serve`'s stack (with its page, if asked)
that a test may break and restart; `load`: the one load client, the benchmark's closed loop and the reliability
runs (faults under load, what reached the tracker store); `stats`: the one percentile both the benchmark and the
reliability pages report. Every failure to start raises StackError,
after stopping what had started.
"""
