// Seed 004's Optuna section in C#, line for line: the basic search of (x − 2)², then the search over the
// Fashion-MNIST network (learning rate log-uniform, batch size categorical, hidden width integer), pruned by
// per-epoch accuracy and stored in SQLite in Optuna's schema, so `optuna-dashboard sqlite:///fashion.db` and
// `optuna.load_study(...)` open it.
//   dotnet run -c Release --project samples/Tuning [-- --trials 20] [-- --smoke]
using StaticNet;
using StaticNet.Data;
using StaticNet.NN;
using StaticNet.Optim;
using StaticNet.Tuning;
using StaticNet.Tuning.Visualization;
using StaticNet.Vision;
using TuningSample;

bool smoke = args.Contains("--smoke");            // CI: a few tiny trials on a subset, seconds
int at = Array.IndexOf(args, "--trials");
int nTrials = at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : smoke ? 4 : 20;
string outDir = Path.Combine(Path.GetTempPath(), "staticnet-tuning");
Directory.CreateDirectory(outDir);

// optuna.logging.get_logger("optuna").addHandler(logging.StreamHandler(sys.stdout))
TuningLog.Output = Console.Out;

// ---- 基本搜索框架: the basic search --------------------------------------------------------------------------
// def objective(trial):
//     x = trial.suggest_float("x", -10, 10)
//     return (x - 2) ** 2
static double Objective(Trial trial)
{
    double x = trial.SuggestFloat("x", -10, 10);
    return (x - 2) * (x - 2);
}
// study = optuna.create_study()
var basic = Study.Create(sampler: new TpeSampler(seed: 0));
// study.optimize(objective, n_trials=100)
basic.Optimize(Objective, nTrials: smoke ? 20 : 100);
// best_params = study.best_params
var bestParams = basic.BestParams;
Console.WriteLine($"best_params = {{'x': {bestParams["x"]}}}");

// ---- The search over the Fashion-MNIST model ------------------------------------------------------------------
string root = Environment.GetEnvironmentVariable("FASHION_MNIST_ROOT") ?? StaticNet.Vision.FashionMnist.DefaultRoot;
if (!File.Exists(Path.Combine(root, "train-images-idx3-ubyte.gz")) && !File.Exists(Path.Combine(root, "train-images-idx3-ubyte")))
{
    Console.Error.WriteLine($"Fashion-MNIST was not found in {root} (sudo apt-get install -y dataset-fashion-mnist, or set FASHION_MNIST_ROOT).");
    return 2;
}
Torch.ManualSeed(0);
Dataset<(Tensor Image, long Label)> trainingData = new StaticNet.Vision.FashionMnist(root, train: true, transform: new ToTensor());
Dataset<(Tensor Image, long Label)> testData = new StaticNet.Vision.FashionMnist(root, train: false, transform: new ToTensor());
// The search trains on a subset so a trial takes seconds; --smoke makes it tiny.
trainingData = new Subset<(Tensor Image, long Label)>(trainingData, [.. Enumerable.Range(0, smoke ? 512 : 10_000)]);
testData = new Subset<(Tensor Image, long Label)>(testData, [.. Enumerable.Range(0, smoke ? 256 : 2_000)]);
int epochs = smoke ? 2 : 5;

// def objective(trial):  -- the hyperparameters, asked for where they are used (define-by-run)
double FashionObjective(Trial trial)
{
    double learningRate = trial.SuggestFloat("lr", 1e-4, 1e-1, log: true);
    int batchSize = trial.SuggestCategorical("batch_size", [32, 64, 128]);
    int hidden = trial.SuggestInt("hidden", smoke ? 16 : 64, smoke ? 64 : 512, log: true);
    var model = new Sequential(new Flatten(), new Linear(28 * 28, hidden), new ReLU(), new Linear(hidden, 10));
    var lossFn = new CrossEntropyLoss();
    var optimizer = new SGD(model.Parameters(), lr: learningRate, momentum: 0.9);
    var trainDataloader = new DataLoader<(Tensor Image, long Label)>(trainingData, batchSize: batchSize, shuffle: true);
    var testDataloader = new DataLoader<(Tensor Image, long Label)>(testData, batchSize: 256);
    double accuracy = 0;
    for (int epoch = 0; epoch < epochs; epoch++)
    {
        Training.TrainLoop(trainDataloader, model, lossFn, optimizer);
        accuracy = Training.Accuracy(testDataloader, model);
        // 剪枝: report each epoch's accuracy and stop unpromising trials early
        trial.Report(accuracy, epoch);
        if (trial.ShouldPrune()) throw new TrialPruned();
    }
    return accuracy;
}

// study = optuna.create_study(study_name="fashion", direction="maximize", storage="sqlite:///fashion.db", load_if_exists=True)
string dbPath = Path.Combine(outDir, smoke ? "fashion-smoke.db" : "fashion.db");
if (smoke && File.Exists(dbPath)) File.Delete(dbPath);
var study = Study.Create(studyName: "fashion", direction: StudyDirection.Maximize, storage: "sqlite:///" + dbPath, loadIfExists: true,
    sampler: new TpeSampler(seed: 0), pruner: new MedianPruner(nStartupTrials: smoke ? 1 : 5));
// study.optimize(objective, n_trials=20)
study.Optimize(FashionObjective, nTrials: nTrials);
// study.best_params, study.best_value
Console.WriteLine($"best value: {study.BestValue:F4}");
foreach (var (name, value) in study.BestParams) Console.WriteLine($"  {name} = {value}");
// study.trials_dataframe()
var table = study.TrialsTable();
Console.WriteLine(table);
table.SaveCsv(Path.Combine(outDir, "trials.csv"));
var frame = table.ToDataFrame();
Console.WriteLine($"DataFrame: {frame.Rows.Count} rows, columns {string.Join(", ", frame.Columns.Select(c => c.Name))}");
// optuna.visualization: optimization history, intermediate values, parameter slices
TuningPlots.OptimizationHistory(study, Path.Combine(outDir, "history.png"));
TuningPlots.IntermediateValues(study, Path.Combine(outDir, "intermediate.png"));
TuningPlots.Slice(study, Path.Combine(outDir, "slice.png"));
Console.WriteLine($"Study in {dbPath} (optuna-dashboard sqlite:///{dbPath}); plots and trials.csv in {outDir}");
return 0;
