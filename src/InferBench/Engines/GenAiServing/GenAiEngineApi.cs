using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using InferBench.Engines.GenAi;
using InferBench.Telemetry;

namespace InferBench.Engines.GenAiServing;

/// <summary>
/// InferBench's binding of ONNX Runtime GenAI's Engine C API (ort_genai_c.h; the C# wrapper has no Engine), resolved from
/// the native library the GenAI package ships. Every symbol is looked up when the binding is made, so a runtime without
/// the Engine is refused then (<see cref="EngineFailure.Unsupported"/>), not at its first call. Every call that returns an
/// OgaResult is checked; its message becomes an <see cref="EngineException"/> (<see cref="GenAiErrors"/> tells the kind).
/// Only symbols present in both GenAI 0.18 and 0.20 are bound. Every Engine call must come from the engine's owner thread.
/// </summary>
public sealed unsafe class GenAiEngineApi
{
    /// <summary>The native library of the Microsoft.ML.OnnxRuntimeGenAI packages (CPU and CUDA).</summary>
    public const string LibraryName = "onnxruntime-genai";

    private static readonly Lazy<GenAiEngineApi> Shipped = new(() => Resolve(ExportsOfShippedLibrary()));

    private readonly delegate* unmanaged<nint, byte*> _resultGetError;
    private readonly delegate* unmanaged<nint, void> _destroyResult;
    private readonly delegate* unmanaged<byte*, nint*, nint> _createConfig;
    private readonly delegate* unmanaged<nint, nint> _configClearProviders;
    private readonly delegate* unmanaged<nint, byte*, nint> _configAppendProvider;
    private readonly delegate* unmanaged<nint, byte*, byte*, byte*, nint> _configSetProviderOption;
    private readonly delegate* unmanaged<nint, byte*, nint> _configOverlay;
    private readonly delegate* unmanaged<nint, void> _destroyConfig;
    private readonly delegate* unmanaged<nint, nint*, nint> _createModelFromConfig;
    private readonly delegate* unmanaged<nint, void> _destroyModel;
    private readonly delegate* unmanaged<nint, nint*, nint> _createEngine;
    private readonly delegate* unmanaged<nint, void> _destroyEngine;
    private readonly delegate* unmanaged<nint, nint*, nint> _engineGetCapabilities;
    private readonly delegate* unmanaged<nint, nuint> _capabilitiesGetConfiguredMaxBatchSize;
    private readonly delegate* unmanaged<nint, nuint> _capabilitiesGetMaxScheduledTokens;
    private readonly delegate* unmanaged<nint, ulong> _capabilitiesGetMaxRequestLength;
    private readonly delegate* unmanaged<nint, void> _destroyEngineCapabilities;
    private readonly delegate* unmanaged<nint, nuint, nint*, nint> _createEngineEventBuffer;
    private readonly delegate* unmanaged<nint, void> _destroyEngineEventBuffer;
    private readonly delegate* unmanaged<nint, nint, nint> _engineRun;
    private readonly delegate* unmanaged<nint, nuint> _eventBufferGetCount;
    private readonly delegate* unmanaged<nint, nuint, nint> _eventBufferGet;
    private readonly delegate* unmanaged<nint, uint*, nint> _eventGetFlags;
    private readonly delegate* unmanaged<nint, nint*, nint> _eventGetRequest;
    private readonly delegate* unmanaged<nint, int*, nint> _eventGetToken;
    private readonly delegate* unmanaged<nint, uint*, nint> _eventGetFinishReason;
    private readonly delegate* unmanaged<nint, uint*, nint> _eventGetErrorCode;
    private readonly delegate* unmanaged<nint, nint*, nint> _eventGetUsage;
    private readonly delegate* unmanaged<nint, ulong*, nint> _turnUsageGetPromptTokens;
    private readonly delegate* unmanaged<nint, ulong*, nint> _turnUsageGetGeneratedTokens;
    private readonly delegate* unmanaged<nint, ulong*, nint> _turnUsageGetCachedPromptTokens;
    private readonly delegate* unmanaged<nint, byte*, nint> _engineHasPendingRequests;
    private readonly delegate* unmanaged<nint, nint, nint*, nint> _engineCreateRequest;
    private readonly delegate* unmanaged<nint, void> _destroyRequest;
    private readonly delegate* unmanaged<nint*, nint> _createRequestOptions;
    private readonly delegate* unmanaged<nint, void> _destroyRequestOptions;
    private readonly delegate* unmanaged<nint, ulong, nint> _requestOptionsSetMaxSessionTokens;
    private readonly delegate* unmanaged<nint, nint*, nint> _requestCreateTurnOptions;
    private readonly delegate* unmanaged<nint, void> _destroyTurnOptions;
    private readonly delegate* unmanaged<nint, ulong, nint> _turnOptionsSetMaxGeneratedTokens;
    private readonly delegate* unmanaged<nint, ulong, nint> _turnOptionsSetMinGeneratedTokens;
    private readonly delegate* unmanaged<nint, byte, nint> _turnOptionsSetDoSample;
    private readonly delegate* unmanaged<nint, nint, int*, ulong, ulong*, nint> _requestBeginTurn;
    private readonly delegate* unmanaged<nint, ulong, byte*, nint> _requestCancelTurn;
    private readonly delegate* unmanaged<nint, nint> _requestClose;

    private GenAiEngineApi(Func<string, nint> export)
    {
        _resultGetError = (delegate* unmanaged<nint, byte*>)export("OgaResultGetError");
        _destroyResult = (delegate* unmanaged<nint, void>)export("OgaDestroyResult");
        _createConfig = (delegate* unmanaged<byte*, nint*, nint>)export("OgaCreateConfig");
        _configClearProviders = (delegate* unmanaged<nint, nint>)export("OgaConfigClearProviders");
        _configAppendProvider = (delegate* unmanaged<nint, byte*, nint>)export("OgaConfigAppendProvider");
        _configSetProviderOption = (delegate* unmanaged<nint, byte*, byte*, byte*, nint>)export("OgaConfigSetProviderOption");
        _configOverlay = (delegate* unmanaged<nint, byte*, nint>)export("OgaConfigOverlay");
        _destroyConfig = (delegate* unmanaged<nint, void>)export("OgaDestroyConfig");
        _createModelFromConfig = (delegate* unmanaged<nint, nint*, nint>)export("OgaCreateModelFromConfig");
        _destroyModel = (delegate* unmanaged<nint, void>)export("OgaDestroyModel");
        _createEngine = (delegate* unmanaged<nint, nint*, nint>)export("OgaCreateEngine");
        _destroyEngine = (delegate* unmanaged<nint, void>)export("OgaDestroyEngine");
        _engineGetCapabilities = (delegate* unmanaged<nint, nint*, nint>)export("OgaEngineGetCapabilities");
        _capabilitiesGetConfiguredMaxBatchSize = (delegate* unmanaged<nint, nuint>)export("OgaEngineCapabilitiesGetConfiguredMaxBatchSize");
        _capabilitiesGetMaxScheduledTokens = (delegate* unmanaged<nint, nuint>)export("OgaEngineCapabilitiesGetMaxScheduledTokens");
        _capabilitiesGetMaxRequestLength = (delegate* unmanaged<nint, ulong>)export("OgaEngineCapabilitiesGetMaxRequestLength");
        _destroyEngineCapabilities = (delegate* unmanaged<nint, void>)export("OgaDestroyEngineCapabilities");
        _createEngineEventBuffer = (delegate* unmanaged<nint, nuint, nint*, nint>)export("OgaCreateEngineEventBuffer");
        _destroyEngineEventBuffer = (delegate* unmanaged<nint, void>)export("OgaDestroyEngineEventBuffer");
        _engineRun = (delegate* unmanaged<nint, nint, nint>)export("OgaEngineRun");
        _eventBufferGetCount = (delegate* unmanaged<nint, nuint>)export("OgaEngineEventBufferGetCount");
        _eventBufferGet = (delegate* unmanaged<nint, nuint, nint>)export("OgaEngineEventBufferGet");
        _eventGetFlags = (delegate* unmanaged<nint, uint*, nint>)export("OgaEngineEventGetFlags");
        _eventGetRequest = (delegate* unmanaged<nint, nint*, nint>)export("OgaEngineEventGetRequest");
        _eventGetToken = (delegate* unmanaged<nint, int*, nint>)export("OgaEngineEventGetToken");
        _eventGetFinishReason = (delegate* unmanaged<nint, uint*, nint>)export("OgaEngineEventGetFinishReason");
        _eventGetErrorCode = (delegate* unmanaged<nint, uint*, nint>)export("OgaEngineEventGetErrorCode");
        _eventGetUsage = (delegate* unmanaged<nint, nint*, nint>)export("OgaEngineEventGetUsage");
        _turnUsageGetPromptTokens = (delegate* unmanaged<nint, ulong*, nint>)export("OgaTurnUsageGetPromptTokens");
        _turnUsageGetGeneratedTokens = (delegate* unmanaged<nint, ulong*, nint>)export("OgaTurnUsageGetGeneratedTokens");
        _turnUsageGetCachedPromptTokens = (delegate* unmanaged<nint, ulong*, nint>)export("OgaTurnUsageGetCachedPromptTokens");
        _engineHasPendingRequests = (delegate* unmanaged<nint, byte*, nint>)export("OgaEngineHasPendingRequests");
        _engineCreateRequest = (delegate* unmanaged<nint, nint, nint*, nint>)export("OgaEngineCreateRequest");
        _destroyRequest = (delegate* unmanaged<nint, void>)export("OgaDestroyRequest");
        _createRequestOptions = (delegate* unmanaged<nint*, nint>)export("OgaCreateRequestOptions");
        _destroyRequestOptions = (delegate* unmanaged<nint, void>)export("OgaDestroyRequestOptions");
        _requestOptionsSetMaxSessionTokens = (delegate* unmanaged<nint, ulong, nint>)export("OgaRequestOptionsSetMaxSessionTokens");
        _requestCreateTurnOptions = (delegate* unmanaged<nint, nint*, nint>)export("OgaRequestCreateTurnOptions");
        _destroyTurnOptions = (delegate* unmanaged<nint, void>)export("OgaDestroyTurnOptions");
        _turnOptionsSetMaxGeneratedTokens = (delegate* unmanaged<nint, ulong, nint>)export("OgaTurnOptionsSetMaxGeneratedTokens");
        _turnOptionsSetMinGeneratedTokens = (delegate* unmanaged<nint, ulong, nint>)export("OgaTurnOptionsSetMinGeneratedTokens");
        _turnOptionsSetDoSample = (delegate* unmanaged<nint, byte, nint>)export("OgaTurnOptionsSetDoSample");
        _requestBeginTurn = (delegate* unmanaged<nint, nint, int*, ulong, ulong*, nint>)export("OgaRequestBeginTurn");
        _requestCancelTurn = (delegate* unmanaged<nint, ulong, byte*, nint>)export("OgaRequestCancelTurn");
        _requestClose = (delegate* unmanaged<nint, nint>)export("OgaRequestClose");
    }

    /// <summary>The binding of the GenAI library this build ships, made once per process.</summary>
    /// <exception cref="EngineException"><see cref="EngineFailure.Unsupported"/>: the library cannot be loaded or lacks the Engine API.</exception>
    public static GenAiEngineApi Shared => Shipped.Value;

    /// <summary>The binding through <paramref name="export"/>, which gives a symbol's address or zero where the library lacks it.</summary>
    /// <exception cref="EngineException"><see cref="EngineFailure.Unsupported"/>, naming every missing symbol and GenAI's version.</exception>
    public static GenAiEngineApi Resolve(Func<string, nint> export)
    {
        var missing = new List<string>();
        var api = new GenAiEngineApi(name =>
        {
            var address = export(name);
            if (address == 0)
                missing.Add(name);
            return address;
        });
        if (missing.Count == 0)
            return api;
        var message = $"ONNX Runtime GenAI {SoftwareVersionsProbe.Read().OnnxRuntimeGenAI} lacks the Engine API InferBench serves with "
            + $"(missing: {string.Join(", ", missing)})";
        throw new EngineException(EngineFailure.Unsupported, message) { Reason = message };
    }

    private static Func<string, nint> ExportsOfShippedLibrary()
    {
        if (!NativeLibrary.TryLoad(LibraryName, typeof(GenAiEngineApi).Assembly, searchPath: null, out var library))
        {
            var message = $"ONNX Runtime GenAI's native library ({LibraryName}) could not be loaded";
            throw new EngineException(EngineFailure.Unsupported, message) { Reason = message };
        }
        return name => NativeLibrary.TryGetExport(library, name, out var address) ? address : 0;
    }

    public OgaHandle CreateConfig(string folderPath)
    {
        nint config;
        fixed (byte* path = Utf8(folderPath))
            Check(_createConfig(path, &config));
        return new OgaHandle(config, _destroyConfig);
    }

    public void ConfigClearProviders(OgaHandle config) => Check(_configClearProviders(config.Pointer));

    public void ConfigAppendProvider(OgaHandle config, string provider)
    {
        fixed (byte* name = Utf8(provider))
            Check(_configAppendProvider(config.Pointer, name));
    }

    public void ConfigSetProviderOption(OgaHandle config, string provider, string key, string value)
    {
        fixed (byte* name = Utf8(provider))
        fixed (byte* keyBytes = Utf8(key))
        fixed (byte* valueBytes = Utf8(value))
            Check(_configSetProviderOption(config.Pointer, name, keyBytes, valueBytes));
    }

    public void ConfigOverlay(OgaHandle config, string json)
    {
        fixed (byte* bytes = Utf8(json))
            Check(_configOverlay(config.Pointer, bytes));
    }

    public OgaHandle CreateModel(OgaHandle config)
    {
        nint model;
        Check(_createModelFromConfig(config.Pointer, &model));
        return new OgaHandle(model, _destroyModel);
    }

    /// <remarks>The engine retains the model: the model's handle may be released once this returns.</remarks>
    public OgaHandle CreateEngine(OgaHandle model)
    {
        nint engine;
        Check(_createEngine(model.Pointer, &engine));
        return new OgaHandle(engine, _destroyEngine);
    }

    public OgaHandle EngineCapabilities(OgaHandle engine)
    {
        nint capabilities;
        Check(_engineGetCapabilities(engine.Pointer, &capabilities));
        return new OgaHandle(capabilities, _destroyEngineCapabilities);
    }

    /// <summary>The configured maximum batch (the static scheduler may run fewer).</summary>
    public ulong CapabilitiesConfiguredMaxBatchSize(OgaHandle capabilities) => _capabilitiesGetConfiguredMaxBatchSize(capabilities.Pointer);

    /// <summary>The dynamic scheduler's token budget; zero for static batching.</summary>
    public ulong CapabilitiesMaxScheduledTokens(OgaHandle capabilities) => _capabilitiesGetMaxScheduledTokens(capabilities.Pointer);

    /// <summary>The most tokens one request may reach; zero where the engine does not know (static batching).</summary>
    public ulong CapabilitiesMaxRequestLength(OgaHandle capabilities) => _capabilitiesGetMaxRequestLength(capabilities.Pointer);

    public OgaHandle CreateEventBuffer(OgaHandle engine, int capacity)
    {
        nint buffer;
        Check(_createEngineEventBuffer(engine.Pointer, (nuint)capacity, &buffer));
        return new OgaHandle(buffer, _destroyEngineEventBuffer);
    }

    /// <summary>One engine run: drains retained events or executes at most one model step; the buffer's previous events become invalid.</summary>
    public void Run(OgaHandle engine, OgaHandle buffer) => Check(_engineRun(engine.Pointer, buffer.Pointer));

    public int EventCount(OgaHandle buffer) => (int)_eventBufferGetCount(buffer.Pointer);

    /// <summary>A borrowed event, valid until the next <see cref="Run"/> with the same buffer.</summary>
    public nint Event(OgaHandle buffer, int index) => _eventBufferGet(buffer.Pointer, (nuint)index);

    public OgaEventFlags EventFlags(nint engineEvent)
    {
        uint flags;
        Check(_eventGetFlags(engineEvent, &flags));
        return (OgaEventFlags)flags;
    }

    /// <summary>The native pointer of the event's request (the one <see cref="CreateRequest"/> handed out).</summary>
    public nint EventRequest(nint engineEvent)
    {
        nint request;
        Check(_eventGetRequest(engineEvent, &request));
        return request;
    }

    public int EventToken(nint engineEvent)
    {
        int token;
        Check(_eventGetToken(engineEvent, &token));
        return token;
    }

    public ServingFinishReason? EventFinishReason(nint engineEvent)
    {
        uint reason;
        Check(_eventGetFinishReason(engineEvent, &reason));
        return reason switch
        {
            1 => ServingFinishReason.EndOfSequence,
            2 => ServingFinishReason.StopString,
            3 => ServingFinishReason.MaxGeneratedTokens,
            4 => ServingFinishReason.MaxSessionTokens,
            5 => ServingFinishReason.Cancelled,
            6 => ServingFinishReason.Failed,
            _ => null,
        };
    }

    public OgaErrorCode EventErrorCode(nint engineEvent)
    {
        uint code;
        Check(_eventGetErrorCode(engineEvent, &code));
        return (OgaErrorCode)code;
    }

    public ServingUsage EventUsage(nint engineEvent)
    {
        nint usage;
        ulong prompt, generated, cached;
        Check(_eventGetUsage(engineEvent, &usage));
        Check(_turnUsageGetPromptTokens(usage, &prompt));
        Check(_turnUsageGetGeneratedTokens(usage, &generated));
        Check(_turnUsageGetCachedPromptTokens(usage, &cached));
        return new ServingUsage((long)prompt, (long)generated, (long)cached);
    }

    /// <summary>Queued or running requests, or undelivered events, remain.</summary>
    public bool HasPendingRequests(OgaHandle engine)
    {
        byte pending;
        Check(_engineHasPendingRequests(engine.Pointer, &pending));
        return pending != 0;
    }

    public OgaHandle CreateRequestOptions()
    {
        nint options;
        Check(_createRequestOptions(&options));
        return new OgaHandle(options, _destroyRequestOptions);
    }

    /// <summary>The total tokens (prompt and generated) a request made with these options may reach.</summary>
    public void RequestOptionsSetMaxSessionTokens(OgaHandle options, long tokens) =>
        Check(_requestOptionsSetMaxSessionTokens(options.Pointer, (ulong)tokens));

    public OgaHandle CreateRequest(OgaHandle engine, OgaHandle options)
    {
        nint request;
        Check(_engineCreateRequest(engine.Pointer, options.Pointer, &request));
        return new OgaHandle(request, _destroyRequest);
    }

    /// <summary>Turn options for <paramref name="request"/>: greedy, exactly <paramref name="generatedTokens"/> tokens (end-of-sequence masked until then).</summary>
    public OgaHandle CreateExactGreedyTurnOptions(OgaHandle request, int generatedTokens)
    {
        nint raw;
        Check(_requestCreateTurnOptions(request.Pointer, &raw));
        var options = new OgaHandle(raw, _destroyTurnOptions);
        try
        {
            Check(_turnOptionsSetMaxGeneratedTokens(raw, (ulong)generatedTokens));
            Check(_turnOptionsSetMinGeneratedTokens(raw, (ulong)generatedTokens));
            Check(_turnOptionsSetDoSample(raw, 0));
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    /// <summary>Queues a turn of <paramref name="request"/> with <paramref name="inputTokens"/> (copied before return).</summary>
    /// <returns>The turn's id, for <see cref="CancelTurn"/>.</returns>
    public ulong BeginTurn(OgaHandle request, OgaHandle turnOptions, ReadOnlySpan<int> inputTokens)
    {
        ulong turn;
        fixed (int* tokens = inputTokens)
            Check(_requestBeginTurn(request.Pointer, turnOptions.Pointer, tokens, (ulong)inputTokens.Length, &turn));
        return turn;
    }

    /// <returns>False where the turn had already ended.</returns>
    public bool CancelTurn(OgaHandle request, ulong turn)
    {
        byte cancelled;
        Check(_requestCancelTurn(request.Pointer, turn, &cancelled));
        return cancelled != 0;
    }

    /// <summary>Removes the request from scheduling and discards its undelivered events; its handle must still be released.</summary>
    public void CloseRequest(OgaHandle request) => Check(_requestClose(request.Pointer));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Check(nint result)
    {
        if (result != 0)
            throw Failure(result);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private EngineException Failure(nint result)
    {
        using var owned = new OgaHandle(result, _destroyResult);
        var message = Marshal.PtrToStringUTF8((nint)_resultGetError(result)) is { Length: > 0 } text
            ? text
            : "ONNX Runtime GenAI reported a failure without a message";
        return GenAiErrors.Translate(message);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + '\0');
}
