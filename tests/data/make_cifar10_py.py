"""Writes the committed CIFAR-10 python-version fixture: cifar10-py/cifar-10-batches-py/{test_batch, batches.meta}.

CIFAR-10's python version was written by Python 2's cPickle (protocol 2), which stored every str as SHORT_BINSTRING or
BINSTRING; Python 3's pickle cannot write those any more, so this script lays the opcodes out by hand, exactly as
cPickle did for the real files (memo ids from 1; BINPUT after each dict, list, global, reduced object and string
that has other references, none after the temporaries numpy's __reduce__ makes: 'b', 'u1', '|', the raw bytes); the
numpy array as numpy.core.multiarray._reconstruct + a BUILD with (1, shape, dtype, False, raw bytes)). Then it
checks the result the way torchvision reads it: pickle.load(f, encoding='latin1') and pickletools.

    cd tests/data && /usr/bin/python3 make_cifar10_py.py

It also writes cifar10-py/test_batch.python3-protocol2, the same batch as Python 3's pickle.dump(..., protocol=2)
writes it (needs numpy). Image r of test_batch holds byte (17*r + k) % 256 at position k of its 3072 bytes; the labels are [3, 8].
"""
import os
import pickle
import pickletools
import struct


class Py2Pickler:
    def __init__(self):
        self.out = bytearray(b"\x80\x02")
        self.memo = 0

    def put(self):
        self.memo += 1
        self.out += b"q" + bytes([self.memo]) if self.memo < 256 else b"r" + struct.pack("<I", self.memo)

    def str_(self, s, memo=True):
        b = s if isinstance(s, bytes) else s.encode("latin1")
        self.out += (b"U" + bytes([len(b)]) if len(b) < 256 else b"T" + struct.pack("<i", len(b))) + b
        if memo:
            self.put()

    def int_(self, v):
        if 0 <= v < 256:
            self.out += b"K" + bytes([v])
        elif 0 <= v < 65536:
            self.out += b"M" + struct.pack("<H", v)
        else:
            self.out += b"J" + struct.pack("<i", v)

    def global_(self, module, name):
        self.out += b"c" + module.encode() + b"\n" + name.encode() + b"\n"
        self.put()

    def value(self, v):
        if isinstance(v, (str, bytes)):
            self.str_(v)
        elif isinstance(v, int):
            self.int_(v)
        elif isinstance(v, list):
            self.out += b"]"
            self.put()
            for start in range(0, len(v), 1000):  # cPickle's BATCHSIZE
                chunk = v[start:start + 1000]
                if len(chunk) == 1:
                    self.value(chunk[0])
                    self.out += b"a"
                else:
                    self.out += b"("
                    for item in chunk:
                        self.value(item)
                    self.out += b"e"
        elif isinstance(v, tuple) and v[0] == "uint8-array":
            self.array(v[1], v[2])
        else:
            raise TypeError(v)

    def array(self, shape, data):
        self.global_("numpy.core.multiarray", "_reconstruct")
        self.global_("numpy", "ndarray")
        self.out += b"K\x00\x85"            # (0,)
        self.str_("b", memo=False)
        self.out += b"\x87R"                # _reconstruct(ndarray, (0,), 'b')
        self.put()
        self.out += b"("
        self.int_(1)
        for d in shape:
            self.int_(d)
        self.out += b"\x86"                 # the shape, a 2-tuple
        self.global_("numpy", "dtype")
        self.str_("u1", memo=False)
        self.out += b"K\x00K\x01\x87R"      # dtype('u1', 0, 1)
        self.put()
        self.out += b"(K\x03"
        self.str_("|", memo=False)
        self.out += b"NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb"
        self.out += b"\x89"                 # is_fortran = False
        self.str_(data, memo=False)
        self.out += b"tb"

    def dict_(self, items):
        self.out += b"}"
        self.put()
        self.out += b"("
        for k, v in items:
            self.str_(k)
            self.value(v)
        self.out += b"u."
        return bytes(self.out)


def main():
    folder = os.path.join("cifar10-py", "cifar-10-batches-py")
    os.makedirs(folder, exist_ok=True)
    data = bytes((17 * r + k) % 256 for r in range(2) for k in range(3072))
    batch = Py2Pickler().dict_([
        ("batch_label", "testing batch 1 of 1"),
        ("data", ("uint8-array", (2, 3072), data)),
        ("labels", [3, 8]),
        ("filenames", ["domestic_cat_s_000907.png", "cargo_ship_s_000071.png"]),
    ])
    names = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    meta = Py2Pickler().dict_([("num_cases_per_batch", 2), ("label_names", names), ("num_vis", 3072)])
    for name, content in [("test_batch", batch), ("batches.meta", meta)]:
        with open(os.path.join(folder, name), "wb") as f:
            f.write(content)
        pickletools.dis(content, out=open(os.devnull, "w"))  # well-formed
    loaded = pickle.loads(batch, encoding="latin1")
    assert loaded["labels"] == [3, 8] and loaded["batch_label"] == "testing batch 1 of 1"
    assert pickle.loads(meta, encoding="latin1")["label_names"] == names
    # The same batch as Python 3 writes it with protocol 2 (bytes as _codecs.encode(str, 'latin1')), for the fuzz corpus.
    import numpy as np
    assert loaded["data"].dtype == np.uint8 and loaded["data"].shape == (2, 3072) and loaded["data"].tobytes() == data
    py3 = {k.encode(): (v.encode() if isinstance(v, str) else [x.encode() for x in v] if k == "filenames" else v) for k, v in loaded.items()}
    with open(os.path.join("cifar10-py", "test_batch.python3-protocol2"), "wb") as f:
        pickle.dump(py3, f, protocol=2)


if __name__ == "__main__":
    main()
