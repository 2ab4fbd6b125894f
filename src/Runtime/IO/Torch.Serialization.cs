using StaticNet.IO;
using StaticNet.IO.Pth;
using StaticNet.IO.Safetensors;
using StaticNet.NN;
using StaticNet.Optim;

namespace StaticNet;

/// <summary>Saving and loading (<c>torch.save</c> / <c>torch.load</c>).</summary>
/// <remarks>
/// The extension picks the format: <c>.safetensors</c> (a JSON header and raw little-endian data, readable by any
/// safetensors library) or <c>.pth</c>/<c>.pt</c> (PyTorch's zip format: <c>torch.load(path)</c> in Python returns an
/// <c>OrderedDict</c> of tensors, and files written by <c>torch.save(model.state_dict(), path)</c> load here).
/// Writes are atomic: the file is written beside the target, flushed to the disk and renamed over it, so a crash
/// or an exception mid-save leaves the previous file intact. Loading never executes code from the file: the .pth
/// reader is a restricted unpickler that knows only what state dicts contain. dtypes: Float32, Float64, Int64,
/// Int32, UInt8, Bool; Float16 and BFloat16 tensors load as Float32 (exactly: every 16-bit value is a float32 value).
/// </remarks>
public static partial class Torch
{
    /// <summary>Saves a state dict (<c>torch.save(model.state_dict(), path)</c>).</summary>
    /// <param name="stateDict">Name → tensor; views of one storage share it in a .pth file, as in PyTorch.</param>
    /// <param name="path">A <c>.safetensors</c>, <c>.pth</c> or <c>.pt</c> file; an existing file is replaced atomically.</param>
    public static void Save(StateDict stateDict, string path)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        Write(new SavedContent { Kind = ContentKind.StateDict, Weights = stateDict }, path);
    }

    /// <summary>
    /// Saves a whole model: its state dict plus its type name (<see cref="Module.TypeName"/>) and its architecture
    /// (the module tree as <c>ToString()</c> prints it, which for a declared model is what the generator knows), for
    /// <see cref="Load{T}(string)"/>.
    /// </summary>
    /// <remarks>
    /// PyTorch's <c>torch.save(model)</c> pickles the Python object itself, and loading it imports the model's class
    /// and runs whatever the pickle names — a file from someone else can run any code. StaticNet stores only data
    /// (the weights and the type's name); the code is the <c>T</c> you compile into your program, so loading is as
    /// safe as loading a state dict. In a .pth file the content is the dict <c>{"model_type": name, "state_dict":
    /// OrderedDict, "architecture": str}</c>; in a .safetensors file these are the metadata entries
    /// <c>staticnet.model_type</c> and <c>staticnet.architecture</c>.
    /// </remarks>
    public static void Save(Module model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        Write(new SavedContent { Kind = ContentKind.Model, ModelType = model.TypeName, Architecture = model.ToString(), Weights = model.StateDict() }, path);
    }

    /// <summary>Saves an optimizer's state (<c>torch.save(optimizer.state_dict(), path)</c>).</summary>
    public static void Save(OptimizerState optimizerState, string path)
    {
        ArgumentNullException.ThrowIfNull(optimizerState);
        Write(new SavedContent { Kind = ContentKind.Optimizer, Optimizer = optimizerState }, path);
    }

    /// <summary>Saves a training checkpoint: model state, optimizer state, epoch and loss.</summary>
    public static void Save(Checkpoint checkpoint, string path)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(checkpoint.Model);
        Write(new SavedContent
        {
            Kind = ContentKind.Checkpoint,
            Weights = checkpoint.Model,
            Optimizer = checkpoint.Optimizer,
            Epoch = checkpoint.Epoch,
            Loss = checkpoint.Loss,
        }, path);
    }

    /// <summary>
    /// Loads a state dict (<c>torch.load(path)</c>) from a state-dict file or a whole-model file, for
    /// <c>model.LoadStateDict(Torch.Load(path))</c>. Its <see cref="StateDict.SourcePath"/> is <paramref name="path"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is truncated, corrupt, holds an unsupported dtype, names code to run,
    /// or holds an optimizer state or checkpoint (the message says which, the file, and the key involved).</exception>
    public static StateDict Load(string path)
    {
        var c = Read(path, "Torch.Load");
        return c.Kind is ContentKind.StateDict or ContentKind.Model ? c.Weights!
            : throw WrongKind(path, c.Kind, "a state dict", c.Kind == ContentKind.Optimizer ? "Torch.LoadOptimizerState" : "Torch.LoadCheckpoint");
    }

    /// <summary>
    /// Loads a whole model saved by <see cref="Save(Module, string)"/>: creates a <typeparamref name="T"/>, checks that the
    /// stored type name is its <see cref="Module.TypeName"/>, and loads the weights strictly (every key, every shape).
    /// </summary>
    /// <exception cref="InvalidDataException">The file holds another model type, no type at all, or weights that do not
    /// fit <typeparamref name="T"/> (missing or unexpected keys, shape mismatches; the message names the file and keys).</exception>
    public static T Load<T>(string path) where T : Module, new()
    {
        var c = Read(path, "Torch.Load");
        var model = new T();
        if (c.Kind != ContentKind.Model)
            throw new InvalidDataException($"Torch.Load<{typeof(T).Name}>: '{path}' holds {SavedContent.Describe(c.Kind)} without a model type; "
                + "load a state dict with model.LoadStateDict(Torch.Load(path)), or save with Torch.Save(model, path).");
        if (c.ModelType != model.TypeName)
            throw new InvalidDataException($"Torch.Load<{typeof(T).Name}>: '{path}' holds a model of type '{c.ModelType}', expected '{model.TypeName}'.");
        if (c.Architecture is { } stored && stored != model.ToString())
            throw new InvalidDataException(
                $"Torch.Load<{typeof(T).Name}>: '{path}' holds a {c.ModelType} with another architecture than this build's.\n" +
                $"Stored:\n{stored}\nExpected:\n{model}");
        try { model.LoadStateDict(c.Weights!, strict: true); }
        catch (ArgumentException e) { throw new InvalidDataException($"Torch.Load<{typeof(T).Name}>: '{path}' does not fit the model. {e.Message}", e); }
        return model;
    }

    /// <summary>Loads an optimizer state saved by <see cref="Save(OptimizerState, string)"/> or by PyTorch, for <c>optimizer.LoadStateDict</c>.</summary>
    public static OptimizerState LoadOptimizerState(string path)
    {
        var c = Read(path, "Torch.LoadOptimizerState");
        return c.Kind == ContentKind.Optimizer ? c.Optimizer! : throw WrongKind(path, c.Kind, "an optimizer state", "Torch.Load");
    }

    /// <summary>Loads a checkpoint saved by <see cref="Save(Checkpoint, string)"/> (or by PyTorch with the same keys).</summary>
    public static Checkpoint LoadCheckpoint(string path)
    {
        var c = Read(path, "Torch.LoadCheckpoint");
        return c.Kind == ContentKind.Checkpoint ? new Checkpoint(c.Weights!, c.Optimizer, c.Epoch, c.Loss)
            : throw WrongKind(path, c.Kind, "a checkpoint", c.Kind == ContentKind.Optimizer ? "Torch.LoadOptimizerState" : "Torch.Load");
    }

    private static void Write(SavedContent content, string path)
    {
        var format = SerializationFormats.FromPath(path, "Torch.Save");
        if (format == SerializationFormat.Safetensors)
        {
            // Tensors on a GPU device are written from their host copy (StorageBytes), in both formats.
            var (tensors, meta) = SafetensorsContent.ToFile(content);
            AtomicFile.Write(path, s => SafetensorsWriter.Write(s, tensors, meta));
        }
        else
        {
            var root = PthContent.ToPickle(content);
            AtomicFile.Write(path, s => PthWriter.Write(s, path, root));
        }
    }

    private static SavedContent Read(string path, string operation)
    {
        var format = SerializationFormats.FromPath(path, operation);
        if (!File.Exists(path)) throw new FileNotFoundException($"{operation}: no such file: '{path}'.", path);
        try
        {
            if (format == SerializationFormat.Safetensors)
            {
                var (tensors, meta) = SafetensorsReader.Read(path);
                return SafetensorsContent.FromFile(tensors, meta, path);
            }
            using var archive = PthArchive.Open(path);
            return PthContent.FromPickle(archive, path);
        }
        catch (Exception e) when (CorruptInput.MustBeRethrown(e, path))
        {
            throw new InvalidDataException($"{operation}: '{path}' is truncated or corrupt: {e.Message}", e);
        }
    }

    private static InvalidDataException WrongKind(string path, ContentKind kind, string expected, string use) =>
        new($"'{path}' holds {SavedContent.Describe(kind)}, not {expected}; load it with {use}.");
}
