using System.Runtime.InteropServices;

namespace InferBench.Engines.GenAiServing;

/// <summary>One object ONNX Runtime GenAI's C API handed out (an engine, a request, an event buffer...), freed by its own destroy function.</summary>
public sealed unsafe class OgaHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _destroy;

    internal OgaHandle(nint pointer, delegate* unmanaged<nint, void> destroy) : base(0, ownsHandle: true)
    {
        _destroy = destroy;
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>The native pointer, for a call while this handle is alive (the owner of the handle keeps it so).</summary>
    internal nint Pointer => handle;

    protected override bool ReleaseHandle()
    {
        _destroy(handle);
        return true;
    }
}
