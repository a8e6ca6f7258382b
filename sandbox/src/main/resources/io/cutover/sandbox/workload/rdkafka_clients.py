"""librdkafka clients for the Cutover sandbox (docs/sandbox.md, "Client libraries").

An idempotent acks=all producer writing numbered records at a steady rate over the topics, and a
consumer group committing synchronously after every poll, both through the gateway, with Debian's
python3-confluent-kafka (librdkafka 2.x). Runs until its standard input closes, then flushes,
lets the consumer catch up on what was acknowledged (bounded) and prints one JSON line of what it
saw; a line "ACKED" on standard input is answered with "ACKED <n>", the records acknowledged so
far. Records are 9 bytes, b"R" and the 8-byte id, as key and value, so the Java clients of the
same sandbox never count them as theirs.

usage: rdkafka_clients.py BOOTSTRAP TOPIC[,TOPIC...] RECORDS_PER_SECOND GROUP
"""
import json
import struct
import sys
import threading
import time

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer

bootstrap, topics, rate, group = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3]), sys.argv[4]
lock = threading.Lock()
state = {"sent": 0, "acked": set(), "failed": 0, "failures": {}, "deliveries": {}, "consumer_errors": 0}
running = threading.Event()
running.set()
consuming = threading.Event()
consuming.set()


def count_failure(name):
    with lock:
        state["failed"] += 1
        state["failures"][name] = state["failures"].get(name, 0) + 1


def on_delivery(err, msg, rid):
    if err is None:
        with lock:
            state["acked"].add(rid)
    else:
        count_failure(err.name())


def produce():
    p = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True,
                  "linger.ms": 5, "client.id": "sandbox-rdkafka-producer"})
    interval = 1.0 / max(1, rate)
    nxt = time.monotonic()
    rid = 0
    while running.is_set():
        value = b"R" + struct.pack(">q", rid)
        topic = topics[rid % len(topics)]
        try:
            p.produce(topic, key=value, value=value,
                      on_delivery=lambda err, msg, r=rid: on_delivery(err, msg, r))
        except BufferError:
            count_failure("BufferError")  # the local queue is full
        except KafkaException as e:
            count_failure(e.args[0].name() if e.args else "KafkaException")
        with lock:
            state["sent"] += 1
        rid += 1
        p.poll(0)
        nxt += interval
        time.sleep(max(0.0, nxt - time.monotonic()))
    p.flush(60)


def consume():
    c = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "auto.offset.reset": "earliest",
                  "enable.auto.commit": False, "client.id": "sandbox-rdkafka-consumer"})
    c.subscribe(topics)
    while consuming.is_set():
        try:
            msgs = c.consume(num_messages=500, timeout=0.2)
            got = False
            for m in msgs:
                if m.error():
                    if m.error().code() != KafkaError._PARTITION_EOF:
                        with lock:
                            state["consumer_errors"] += 1
                    continue
                v = m.value()
                if v is not None and len(v) == 9 and v[:1] == b"R" and m.key() == v:
                    rid = struct.unpack(">q", v[1:])[0]
                    with lock:
                        state["deliveries"][rid] = state["deliveries"].get(rid, 0) + 1
                    got = True
            if got:
                c.commit(asynchronous=False)
        except KafkaException:
            # A real application logs and goes on (e.g. a commit refused while fenced); counted.
            with lock:
                state["consumer_errors"] += 1
    c.close()


threads = [threading.Thread(target=produce, daemon=True), threading.Thread(target=consume, daemon=True)]
for t in threads:
    t.start()
print("READY", flush=True)
for line in sys.stdin:  # until the sandbox closes it; "ACKED" asks how many were acknowledged
    if line.strip() == "ACKED":
        with lock:
            n = len(state["acked"])
        print("ACKED %d" % n, flush=True)
running.clear()
threads[0].join(180)
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    with lock:
        if state["acked"].issubset(state["deliveries"].keys()):
            break
    time.sleep(0.1)
consuming.clear()
threads[1].join(40)
with lock:
    out = {"sent": state["sent"], "acked": sorted(state["acked"]), "failed": state["failed"],
           "failures": state["failures"],
           "redelivered": sum(n - 1 for n in state["deliveries"].values()),
           "consumed": len(state["deliveries"]), "consumer_errors": state["consumer_errors"]}
print(json.dumps(out), flush=True)
