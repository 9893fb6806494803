using System.Net;
using System.Net.Sockets;

namespace GraphTrainer.Tests.Data
{
    /// <summary>
    /// A tiny HTTP server on 127.0.0.1 for download tests: answers each GET with the status and body
    /// <c>respond(fileName)</c> gives, records request paths, and stops when disposed.
    /// </summary>
    internal sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Task _loop;
        private readonly List<string> _requests = new List<string>();

        public LoopbackServer(Func<string, (int status, byte[] body)> respond)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/mnist/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _loop = Task.Run(() => Serve(respond));
        }

        public string Url { get; }

        public IReadOnlyList<string> Requests
        {
            get { lock (_requests) return _requests.ToArray(); }
        }

        private async Task Serve(Func<string, (int status, byte[] body)> respond)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;   // Dispose stopped the listener: the normal way out of this loop.
                }
                string name = ctx.Request.Url!.Segments[^1];
                lock (_requests)
                    _requests.Add(name);
                var (status, body) = respond(name);
                ctx.Response.StatusCode = status;
                ctx.Response.ContentLength64 = body.Length;
                await ctx.Response.OutputStream.WriteAsync(body);
                ctx.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
