namespace InferBench.Synthetic;

/// <summary>
/// The xoshiro256** 1.0 generator (Blackman and Vigna, 2018, https://prng.di.unimi.it/), its state filled from the seed
/// by SplitMix64 as its authors recommend. Written out here so the synthetic weights are a documented function of
/// the seed, identical on every .NET version and platform; <see cref="System.Random"/> promises neither.
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);
        _s2 = SplitMix64(ref seed);
        _s3 = SplitMix64(ref seed);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [-1, 1) on a grid of 2^-23: the top 24 bits, so every value is exact in a float.</summary>
    public float NextSignedUnitFloat() => ((long)(NextUInt64() >> 40) - (1L << 23)) * (1f / (1 << 23));

    /// <summary>One SplitMix64 step (Steele, Lea and Flood, 2014): advances <paramref name="state"/> and returns a mixed value.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
