namespace StaticNet.IO.Pth;

/// <summary>The zip CRC-32 (polynomial 0xEDB88320), slicing by 8 bytes: the BCL keeps its own implementation internal.</summary>
internal static class Crc32
{
    private static readonly uint[] s_tables = BuildTables();

    private static uint[] BuildTables()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        for (int i = 0; i < 256; i++)
            for (int s = 1; s < 8; s++) t[s * 256 + i] = (t[(s - 1) * 256 + i] >> 8) ^ t[t[(s - 1) * 256 + i] & 0xff];
        return t;
    }

    /// <summary>Continues a CRC over <paramref name="data"/> (start with 0).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var t = s_tables;
        uint c = ~crc;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint lo = c ^ (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            uint hi = (uint)(data[i + 4] | data[i + 5] << 8 | data[i + 6] << 16 | data[i + 7] << 24);
            c = t[7 * 256 + (lo & 0xff)] ^ t[6 * 256 + ((lo >> 8) & 0xff)] ^ t[5 * 256 + ((lo >> 16) & 0xff)] ^ t[4 * 256 + (lo >> 24)]
              ^ t[3 * 256 + (hi & 0xff)] ^ t[2 * 256 + ((hi >> 8) & 0xff)] ^ t[256 + ((hi >> 16) & 0xff)] ^ t[hi >> 24];
        }
        for (; i < data.Length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >> 8);
        return ~c;
    }
}
