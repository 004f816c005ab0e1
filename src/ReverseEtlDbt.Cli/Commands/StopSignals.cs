using System.Runtime.InteropServices;

namespace ReverseEtlDbt.Cli.Commands;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM, the signals people and orchestrators use to stop a command, taken over for as long
/// as this object lives: the process is not terminated; instead <paramref name="onSignal"/> hears each one with its
/// number (1 for the first), so a command can stop gently on the first and at once on the second.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private int received;

    public StopSignals(Action<PosixSignal, int> onSignal)
    {
        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            onSignal(context.Signal, Interlocked.Increment(ref received));
        }
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>How many signals arrived so far.</summary>
    public int Received => Volatile.Read(ref received);

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
    }
}
