using System.Diagnostics;

namespace GraphTrainer.Tests.Reliability.Fuzz;

/// <summary>
/// Runs a reader over seeded mutated inputs and collects every violation of the contract: an exception other than
/// the documented format error, an input that takes more than a second, or an allocation larger than the input's
/// size justifies. The whole run is bounded in time so a hang fails the test instead of stalling CI.
/// </summary>
internal static class FuzzHarness
{
    public sealed record Options(int Seed, int Iterations, Func<Random, byte[]> MakeInput, Action<byte[]> Read,
        Func<Exception, bool> IsDocumented, Func<byte[], long> AllowedAllocation);

    /// <summary>Violations found (empty when the reader held up), and how many inputs ran and were rejected.</summary>
    public static (List<string> Violations, int Ran, int Rejected) Run(Options o, TimeSpan budget)
    {
        var violations = new List<string>();
        int ran = 0, rejected = 0;
        var work = Task.Factory.StartNew(() =>
        {
            var r = new Random(o.Seed);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < o.Iterations && clock.Elapsed < budget; i++)
            {
                byte[] input = o.MakeInput(r);
                long before = GC.GetAllocatedBytesForCurrentThread();
                var started = clock.Elapsed;
                try
                {
                    o.Read(input);
                }
                catch (Exception e) when (o.IsDocumented(e))
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    violations.Add($"input {i} ({input.Length} bytes): {e.GetType().Name}: {e.Message}");
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                if (allocated > o.AllowedAllocation(input))
                    violations.Add($"input {i} ({input.Length} bytes) allocated {allocated} bytes");
                if (clock.Elapsed - started > TimeSpan.FromSeconds(1))
                    violations.Add($"input {i} ({input.Length} bytes) took {(clock.Elapsed - started).TotalMilliseconds:F0} ms");
                ran++;
            }
        }, TaskCreationOptions.LongRunning);
        if (!work.Wait(budget + TimeSpan.FromSeconds(20)))
            violations.Add($"hang: the reader did not return (after {ran} inputs)");
        return (violations, ran, rejected);
    }
}
