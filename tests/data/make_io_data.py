# Makes the reference files of tests/StaticNet.Tests/IO (see README.md). Run from this folder:
#   /usr/bin/python3 make_io_data.py        (Debian's python3-torch, torch 1.13)
import collections, json, struct
import torch

# 1. A module's state dict as PyTorch saves it (OrderedDict with _metadata, BatchNorm buffers), plus 16-bit floats.
model = torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.BatchNorm1d(2))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.5, -1.25, 2.0], [3.0, 0.125, -4.0]]))
    model[0].bias.copy_(torch.tensor([0.25, -0.75]))
    model[1].running_mean.copy_(torch.tensor([1.5, -2.5]))
    model[1].running_var.copy_(torch.tensor([0.5, 4.0]))
    model[1].num_batches_tracked.fill_(7)
sd = model.state_dict()
sd["extra.half"] = torch.tensor([1.5, -0.0009765625, 65504.0], dtype=torch.float16)
sd["extra.bfloat16"] = torch.tensor([1.5, -3.0e38, 0.01171875], dtype=torch.bfloat16)
torch.save(sd, "pytorch113_module_state.pth")

# 2. Tensors of every StaticNet dtype, views sharing a storage, a 0-dim and an empty tensor: StaticNet writes the
#    same state dict byte for byte.
base = torch.arange(12, dtype=torch.float64).reshape(3, 4)
plain = collections.OrderedDict()
plain["f32"] = torch.arange(6, dtype=torch.float32).reshape(2, 3)
plain["f64_t"] = base.t()
plain["f64_row"] = base[1]
plain["i64"] = torch.tensor([-1, 2**40], dtype=torch.int64)
plain["i32"] = torch.tensor([[7], [-8]], dtype=torch.int32)
plain["u8"] = torch.tensor([0, 255], dtype=torch.uint8)
plain["bool"] = torch.tensor([True, False, True])
plain["scalar"] = torch.tensor(3.5)
plain["empty"] = torch.zeros(0, 3)
torch.save(plain, "pytorch113_plain.pth")

# 3. A safetensors file written from the spec (the safetensors module is not installed here): 8-byte little-endian
#    header length, JSON header, raw little-endian data.
tensors = [
    ("f32", "F32", [2, 2], struct.pack("<4f", 1.0, -2.0, 0.5, 3.25)),
    ("i64", "I64", [3], struct.pack("<3q", -5, 0, 2**33)),
    ("f16", "F16", [2], struct.pack("<2e", 1.5, -0.0009765625)),
    ("bf16", "BF16", [2], struct.pack("<2H", 0x3FC0, 0xC040)),  # 1.5, -3.0
    ("mask", "BOOL", [2], bytes([1, 0])),
    ("u8", "U8", [], bytes([200])),
]
header, data = {"__metadata__": {"format": "pt"}}, b""
for name, dtype, shape, raw in tensors:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
    data += raw
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)
with open("handmade.safetensors", "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
