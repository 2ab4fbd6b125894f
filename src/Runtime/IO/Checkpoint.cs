using StaticNet.Optim;

namespace StaticNet;

/// <summary>
/// A training checkpoint: the model's state dict, the optimizer's state and the epoch (and optionally the loss), as in
/// PyTorch's "saving a general checkpoint" recipe. <c>Torch.Save(checkpoint, "ckpt.pth")</c> writes the dict
/// <c>{"epoch", "model_state_dict", "optimizer_state_dict", "loss"}</c> that recipe writes, so Python can resume from it too.
/// </summary>
/// <param name="Model">The model's state dict (<c>model.StateDict()</c>).</param>
/// <param name="Optimizer">The optimizer's state (<c>optimizer.StateDict()</c>), or null.</param>
/// <param name="Epoch">The epoch to resume from.</param>
/// <param name="Loss">The last loss, or null.</param>
public sealed record Checkpoint(StateDict Model, OptimizerState? Optimizer = null, long Epoch = 0, double? Loss = null);
