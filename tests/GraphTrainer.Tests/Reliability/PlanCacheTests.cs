using System.Runtime.CompilerServices;

namespace GraphTrainer.Tests.Reliability;

/// <summary>
/// A session keeps a bounded number of compiled plans: building a new fetch tensor every step (a common porting
/// mistake) drops the least recently used plans instead of growing without bound, while the plans a loop keeps using
/// stay compiled.
/// </summary>
[Collection("DefaultGraph")]
public class PlanCacheTests
{
    public PlanCacheTests() => tf.reset_default_graph();

    [Fact]
    public void A_new_fetch_every_step_keeps_the_cache_at_its_bound_and_the_hot_plan_compiled()
    {
        var x = tf.placeholder(tf.float32, new[] { 4 }, name: "x");
        var hot = tf.reduce_sum(x);
        var feed = new FeedDict { [x] = new float[] { 1, 2, 3, 4 } };
        using var sess = tf.Session();
        sess.run(hot, feed);
        var hotPlan = sess.Plans.Single();
        var firstCold = FirstColdPlan(sess, x, feed);

        int steps = PlanCache.DefaultCapacity * 2;
        for (int i = 1; i <= steps; i++)
        {
            Assert.Equal(4f * (i + 1), sess.run(x * (float)i + x, feed).ToArray<float>()[3]); // a new fetch tensor every step
            Assert.Equal(10f, (float)sess.run(hot, feed));
        }

        Assert.Equal(PlanCache.DefaultCapacity, sess.CompiledPlanCount);
        Assert.Contains(hotPlan, sess.Plans); // used every step: never evicted, never recompiled
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(firstCold.IsAlive); // an evicted plan (and its buffers) is garbage
    }

    [Fact]
    public void The_least_recently_used_plan_is_the_one_dropped()
    {
        var x = tf.placeholder(tf.float32, new[] { 1 }, name: "x");
        var feed = new FeedDict { [x] = new float[] { 2 } };
        var a = x + 1f;
        var b = x + 2f;
        var c = x + 3f;
        using var sess = tf.Session();
        sess.PlanCacheCapacity = 2;
        sess.run(a, feed);
        sess.run(b, feed);
        sess.run(a, feed); // a is now more recent than b
        Assert.Equal(5f, sess.run(c, feed).ToArray<float>()[0]);

        Assert.Equal(new[] { a, c }, sess.Plans.Select(p => p.Fetches.Single()));
        Assert.Equal(4f, sess.run(b, feed).ToArray<float>()[0]); // recompiled on demand, same value
        Assert.Equal(new[] { c, b }, sess.Plans.Select(p => p.Fetches.Single()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FirstColdPlan(Session sess, Tensor x, FeedDict feed)
    {
        sess.run(x * 0f, feed);
        return new WeakReference(sess.Plans.Last());
    }
}
