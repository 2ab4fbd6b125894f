using StaticNet.Kernels;

namespace StaticNet;

/// <summary>Shape and dtype rules of the matrix products, and the batched matmul, behind <see cref="Tensor.Matmul"/>.</summary>
internal static class LinearAlgebra
{
    /// <summary>The batched case of matmul: at least one operand has 3 or more dimensions.</summary>
    public static Tensor BatchedMatmul(Tensor x, Tensor y)
    {
        Devices.CheckSame("matmul", x, y);
        var a = x.Dim == 1 ? x.Unsqueeze(0) : x;
        var b = y.Dim == 1 ? y.Unsqueeze(1) : y;
        int ra = a.Dim, rb = b.Dim;
        long m = a.ShapeSpan[ra - 2], k = a.ShapeSpan[ra - 1], k2 = b.ShapeSpan[rb - 2], n = b.ShapeSpan[rb - 1];
        if (k != k2)
            throw new ArgumentException(
                $"mat1 and mat2 shapes cannot be multiplied ({m}x{k} and {k2}x{n}) (matmul of shapes {x.Shape} and {y.Shape})");
        CheckSameDType("matmul", x, y);

        Tensor result;
        long[]? folded = rb == 2 && k > 0 && n > 0 ? ShapeUtil.ComputeViewStrides(a.ShapeSpan, a.StridesSpan, [a.Numel / k, k]) : null;
        if (folded is not null)
        {
            // [*, m, k] @ [k, n] whose batch dimensions merge with m: one large GEMM instead of many small ones.
            var batch = a.ShapeArray[..^1];
            result = new Tensor([.. batch, n], x.DType, x.Device, zeroed: false);
            Backends.BatchedGemm(a.AsStrided([a.Numel / k, k], folded, a.StorageOffset), b, result.View(-1, n), 1, 0);
        }
        else
        {
            var batch = ShapeUtil.Broadcast(a.ShapeSpan[..^2], b.ShapeSpan[..^2]);
            long[] shapeA = [.. batch, m, k], shapeB = [.. batch, k, n];
            var ea = a.AsStrided(shapeA, ShapeUtil.BroadcastStrides(a.ShapeSpan, a.StridesSpan, shapeA, "matmul"), a.StorageOffset);
            var eb = b.AsStrided(shapeB, ShapeUtil.BroadcastStrides(b.ShapeSpan, b.StridesSpan, shapeB, "matmul"), b.StorageOffset);
            result = new Tensor([.. batch, m, n], x.DType, x.Device, zeroed: false);
            Backends.BatchedGemm(ea, eb, result, 1, 0);
        }
        if (x.Dim == 1) result = result.Squeeze(-2);
        if (y.Dim == 1) result = result.Squeeze(-1);
        return result;
    }

    public static Tensor Addmm(Tensor input, Tensor mat1, Tensor mat2, double beta, double alpha)
    {
        Devices.CheckSame("addmm", mat1, mat2);
        Devices.CheckSame("addmm", input, mat1);
        if (mat1.Dim != 2) throw new ArgumentException($"addmm: mat1 must be a matrix, but got a {mat1.Dim}D tensor of shape {mat1.Shape}");
        if (mat2.Dim != 2) throw new ArgumentException($"addmm: mat2 must be a matrix, but got a {mat2.Dim}D tensor of shape {mat2.Shape}");
        CheckMatrices("addmm", mat1, mat2);
        if (input.DType != mat1.DType)
            throw new ArgumentException(
                $"addmm: expected self and mat1 to have the same dtype, but got: {CppTypeName(input.DType)} != {CppTypeName(mat1.DType)}");
        if (!mat1.DType.IsFloatingPoint() && (beta != Math.Floor(beta) || alpha != Math.Floor(alpha)))
            throw new ArgumentException($"addmm: for integral input tensors, argument alpha and beta must not be floating point numbers (got alpha={alpha}, beta={beta}).");
        long[] shape = [mat1.ShapeSpan[0], mat2.ShapeSpan[1]];
        var result = new Tensor(shape, mat1.DType, mat1.Device, zeroed: false);
        if (beta == 1 && input.Dim == 1 && input.ShapeSpan[0] == shape[1] && (input.StridesSpan[0] == 1 || shape[1] == 1)
            && Backends.Of(mat1).TryBatchedGemmWithBias(mat1, mat2, result, alpha, input))
            return result; // a Linear's forward: the bias is added to each tile of the product, not copied in first
        if (beta != 0)
        {
            ShapeUtil.BroadcastStrides(input.ShapeSpan, input.StridesSpan, shape, "addmm"); // throws naming both shapes
            Backends.Copy(input, result);
        }
        Backends.BatchedGemm(mat1, mat2, result, alpha, beta);
        return result;
    }

    /// <summary>
    /// <c>alpha · (a · b)</c> for 2-D tensors of one dtype in a single GEMM pass (the scale is applied by the kernel,
    /// not by a second element-wise pass); the backward of addmm uses it with transposed strided views.
    /// </summary>
    public static Tensor ScaledMm(Tensor a, Tensor b, double alpha)
    {
        var result = new Tensor([a.ShapeSpan[0], b.ShapeSpan[1]], a.DType, a.Device, zeroed: false);
        Backends.BatchedGemm(a, b, result, alpha, 0);
        return result;
    }

    /// <summary>Inner dimensions and dtypes of a matrix product, with PyTorch's messages.</summary>
    public static void CheckMatrices(string op, Tensor mat1, Tensor mat2)
    {
        if (mat1.ShapeSpan[1] != mat2.ShapeSpan[0])
            throw new ArgumentException(
                $"mat1 and mat2 shapes cannot be multiplied ({mat1.ShapeSpan[0]}x{mat1.ShapeSpan[1]} and {mat2.ShapeSpan[0]}x{mat2.ShapeSpan[1]})");
        CheckSameDType(op, mat1, mat2);
    }

    public static void CheckSameDType(string op, Tensor mat1, Tensor mat2)
    {
        if (mat1.DType != mat2.DType)
            throw new ArgumentException(
                $"{op}: expected m1 and m2 to have the same dtype, but got: {CppTypeName(mat1.DType)} != {CppTypeName(mat2.DType)}");
        CheckSupported(op, mat1.DType);
    }

    public static void CheckSupported(string op, DType dtype)
    {
        if (dtype == DType.Bool) throw new NotSupportedException($"\"{op}\" not implemented for 'Bool'");
    }

    /// <summary>c10's ScalarType names, as in "found Float and Double".</summary>
    public static string ScalarTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "Float",
        DType.Float64 => "Double",
        DType.Int64 => "Long",
        DType.Int32 => "Int",
        DType.UInt8 => "Byte",
        _ => "Bool",
    };

    /// <summary>The C++ element type names PyTorch prints in "float != double".</summary>
    public static string CppTypeName(DType dtype) => dtype switch
    {
        DType.Float32 => "float",
        DType.Float64 => "double",
        DType.Int64 => "long int",
        DType.Int32 => "int",
        DType.UInt8 => "unsigned char",
        _ => "bool",
    };
}
