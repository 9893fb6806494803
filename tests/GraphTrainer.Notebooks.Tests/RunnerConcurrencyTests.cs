using static GraphTrainer.Notebooks.Tests.TestNotebooks;

namespace GraphTrainer.Notebooks.Tests;

public class RunnerConcurrencyTests
{
    [Fact]
    public async Task Two_runners_at_once_keep_their_outputs_apart_and_restore_the_console()
    {
        var before = Console.Out;
        var a = Code(Enumerable.Range(0, 5).Select(i => $"Console.WriteLine(\"a{i}\"); System.Threading.Thread.Sleep(20);").ToArray());
        var b = Code(Enumerable.Range(0, 5).Select(i => $"System.Threading.Thread.Sleep(15); Console.WriteLine(\"b{i}\");").ToArray());

        await Task.WhenAll(new NotebookRunner().RunAsync(a), new NotebookRunner().RunAsync(b));

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal($"a{i}\n", Stdout(a.Cells[i]));
            Assert.Equal($"b{i}\n", Stdout(b.Cells[i]));
        }
        Assert.Same(before, Console.Out);
    }
}
