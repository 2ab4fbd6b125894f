using System.Text;

namespace StaticNet.Compiler.Parse;

/// <summary>PyTorch's names for C# members: the module name is the snake_case of the member name.</summary>
internal static class Naming
{
    /// <summary><c>Fc1</c> → <c>fc1</c>, <c>LinearReluStack</c> → <c>linear_relu_stack</c>, <c>HTTPLayer</c> → <c>http_layer</c>.</summary>
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((afterLowerOrDigit || endsAcronym) && sb.Length > 0 && sb[sb.Length - 1] != '_') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
