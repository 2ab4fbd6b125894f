// A tour of StaticNet tensors, following the tensor sections of the seed tutorials (seeds 000–002) line by
// line: each step prints what the PyTorch original prints (random values aside).
using StaticNet;

static void Show(string code, object? value)
{
    Console.WriteLine($">>> {code}");
    Console.WriteLine(value);
}

Torch.ManualSeed(0);

// ---- creating tensors (seed 000) ----
Show("Torch.Rand(2, 3)", Torch.Rand(2, 3));
Show("Torch.Randn(2, 3)", Torch.Randn(2, 3));
Show("Torch.Zeros([2, 3], DType.Int64)", Torch.Zeros([2, 3], DType.Int64));
Show("Torch.Zeros([2, 3], DType.Float64)", Torch.Zeros([2, 3], DType.Float64));
Show("Torch.Arange(10)", Torch.Arange(10));
Show("Torch.Tensor(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } })", Torch.Tensor(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } }));
Show("Torch.FromArray(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } })", Torch.FromArray(new[,] { { 1.0, 3.8, 2.1 }, { 8.6, 4.0, 2.4 } }));
Show("Torch.Cuda.IsAvailable()", Torch.Cuda.IsAvailable());

// ---- math (seed 000) ----
var x = Torch.Tensor(new[] { 1, 2, 3 }, DType.Float64);
var y = Torch.Tensor(new[] { 4, 5, 6 }, DType.Float64);
Show("x + y", x + y);
Show("x - y", x - y);
Show("x * y", x * y);
Show("x / y", x / y);
Show("x.Dot(y)", x.Dot(y));
Show("x.Sin()", x.Sin());
Show("x.Exp()", x.Exp());

// ---- aggregation (seed 000) ----
x = Torch.Tensor(new[,] { { 1, 2, 3 }, { 4, 5, 6 } }, DType.Float64);
Show("x.Mean()", x.Mean());
Show("x.Mean(dim: 0)", x.Mean(dim: 0));
Show("x.Mean(dim: 1)", x.Mean(dim: 1));
Show("x.Mean(dim: 0, keepDim: true)", x.Mean(dim: 0, keepDim: true));
Show("x.Mean(dim: 1, keepDim: true)", x.Mean(dim: 1, keepDim: true));

// ---- concatenation (seed 000) ----
y = Torch.Tensor(new[,] { { 7, 8, 9 }, { 10, 11, 12 } }, DType.Float64);
Show("Torch.Cat([x, y], dim: 0)", Torch.Cat([x, y], dim: 0));
Show("Torch.Cat([x, y], dim: 1)", Torch.Cat([x, y], dim: 1));

// ---- shapes (seed 000) ----
var v = Torch.Tensor(new[] { 1, 2, 3, 4, 5, 6 });
Console.WriteLine($">>> v, v.Shape\n{v} {v.Shape}");
Show("v.View(2, 3)", v.View(2, 3));
Show("v.View(3, 2)", v.View(3, 2));
Show("v.View(-1, 3)", v.View(-1, 3));
var m = Torch.Tensor(new[,] { { 1, 2, 3 }, { 4, 5, 6 } });
Show("m.Transpose(0, 1)", m.Transpose(0, 1));
var p = Torch.Tensor(new[,,] { { { 1, 2, 3 }, { 4, 5, 6 } } }).Permute(2, 0, 1);
Console.WriteLine($">>> p = x.Permute(2, 0, 1); p, p.Shape\n{p} {p.Shape}");

// ---- broadcasting (seed 000) ----
var bx = Torch.Arange(1, 4).View(3, 1);
var by = Torch.Arange(4, 6).View(1, 2);
Show("bx + by", bx + by);

// ---- indexing and slicing (seed 000) ----
var g = Torch.Arange(12).View(3, 4);
Show("g", g);
Show("g[1, 3]", g[1, 3]);
Show("g[1]", g[1]);
Show("g[1..3]", g[1..3]);
Show("g[.., 2]", g[.., 2]);
Show("g[.., 2..4]", g[.., 2..4]);
g[.., 2..4] = 100;
Show("g[.., 2..4] = 100; g", g);
Show("g[g > 50]", g[g > 50]);

// ---- squeeze / unsqueeze (seed 000) ----
var a = Torch.Tensor(new[] { 1, 2, 3, 4 });
var b = a.Unsqueeze(0);
Console.WriteLine($">>> b = a.Unsqueeze(0); b, b.Shape\n{b} {b.Shape}");
var c = b.Squeeze();
Console.WriteLine($">>> c = b.Squeeze(); c, c.Shape\n{c} {c.Shape}");

// ---- new_* and *_like, in-place, out= (seed 002) ----
var ones = x.NewOnes([5, 3], DType.Float64);
Show("x.NewOnes([5, 3], DType.Float64)", ones);
Show("Torch.RandnLike(ones, DType.Float32).Shape", Torch.RandnLike(ones, DType.Float32).Shape);
var zeros = Torch.Zeros(5, 3);
var result = Torch.Empty(5, 3);
Torch.Add(zeros, Torch.Ones(5, 3), @out: result);
Show("Torch.Add(zeros, ones, @out: result); result", result);
var item = Torch.Randn(1);
Show("Torch.Randn(1).Item<float>()", item.Item<float>());

// ---- sharing memory with arrays (seed 002's from_numpy) ----
var array = new double[] { 1, 1, 1, 1, 1 };
var shared = Torch.FromArray(array);
for (int i = 0; i < array.Length; i++) array[i] += 1;
Show("array += 1; Torch.FromArray(array)", shared);

// ---- matrix products (seed 003) ----
var mx = Torch.Tensor(new[,] { { 1, 2, 3, 4 }, { 5, 6, 7, 8 } });
var my = Torch.Tensor(new[] { 2, 3, 1, 0 }).View(4, 1);
Show("Torch.Matmul(mx, my)", Torch.Matmul(mx, my));
var big = Torch.Arange(25).Reshape(5, 5);
Show("big.Max()", big.Max());
var (values, indices) = big.Max(dim: 0);
Show("big.Max(dim: 0)", $"values={values}\nindices={indices}");

// ---- autograd (seeds 000 and 002) ----
var ax = Torch.Tensor(new[] { 2.0 }, requiresGrad: true);
var ay = Torch.Tensor(new[] { 3.0 }, requiresGrad: true);
var az = (ax + ay) * (ay - 2);
Show("z = (x + y) * (y - 2)", az);
az.Backward();
Console.WriteLine($">>> z.Backward(); x.Grad, y.Grad\n{ax.Grad} {ay.Grad}");
var ones22 = Torch.Ones([2, 2], requiresGrad: true);
var zz = (ones22 + 2) * (ones22 + 2) * 3;
var outMean = zz.Mean();
Console.WriteLine($">>> z = (x + 2) * (x + 2) * 3; out = z.Mean()\n{zz} {outMean}");
outMean.Backward();
Show("out.Backward(); x.Grad", ones22.Grad);
using (Torch.NoGrad()) Show("using (Torch.NoGrad()) (x * x).RequiresGrad", (ones22 * ones22).RequiresGrad);
