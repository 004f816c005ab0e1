using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReverseEtlDbt.Emulators;

/// <summary>
/// One Kestrel server on 127.0.0.1 serving every destination emulator (each maps its own routes; see its class), so
/// tests and the example point a connection's <c>base_url</c> (or webhook <c>url</c>) at <see cref="BaseUrl"/> and
/// then inspect what arrived, through each emulator's accessor (<c>host.HubSpot</c>, declared in its folder).
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly IReadOnlyList<IEmulator> emulators;

    private EmulatorHost(WebApplication app, Uri baseUrl, IReadOnlyList<IEmulator> emulators)
    {
        this.app = app;
        BaseUrl = baseUrl;
        this.emulators = emulators;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>, with the port actually bound.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The running emulator of type <typeparamref name="T"/>.</summary>
    public T Get<T>() where T : IEmulator => emulators.OfType<T>().Single();

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();

        var emulators = EmulatorCatalog.All.Select(e => EmulatorCatalog.Create(e, options)).OrderBy(e => e.ListingOrder).ToList();
        foreach (var emulator in emulators) emulator.Map(app);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        return new EmulatorHost(app, new Uri(address.TrimEnd('/') + "/"), emulators);
    }

    /// <summary>
    /// Runs the emulators until <paramref name="cancellationToken"/> fires, for the example project and manual tries
    /// (the CLI's hidden <c>retl emulators</c> command). Prints where each API listens and the credentials it accepts to
    /// <paramref name="output"/>. <paramref name="port"/> 0 picks a free port; <paramref name="options"/> defaults to
    /// <see cref="EmulatorOptions"/>' defaults; its <c>Port</c> is replaced by <paramref name="port"/>.
    /// </summary>
    public static async Task RunUntilCancelledAsync(int port, EmulatorOptions? options, TextWriter output, CancellationToken cancellationToken)
    {
        await using var host = await StartAsync((options ?? new EmulatorOptions()) with { Port = port }, cancellationToken);
        foreach (var emulator in host.emulators) await output.WriteLineAsync(emulator.Describe(host.BaseUrl));
        await output.WriteLineAsync("Press Ctrl+C to stop.");
        // The host's own console lifetime takes SIGTERM and stops Kestrel; end with it, not only with the caller's token.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.app.Lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
