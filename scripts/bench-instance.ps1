#!/usr/bin/env pwsh
# PowerShell twin of bench-instance.sh (Windows or Linux GPU instances): .NET SDK, driver check, CUDA build,
# power probe, model fetch, the standard plan on --ep cuda, a results folder, optionally an upload. See docs/gpu.md.
[CmdletBinding()]
param(
    # Manifest models and variants, "model:variant1,variant2" each.
    [string[]] $Models = @('phi-3-mini-4k-instruct:cuda-int4-rtn-block-32,cuda-fp16'),
    # Parent of the results folder.
    [string] $Out = 'results',
    [string] $Manifest = 'models.manifest.json',
    # Run after the benchmark; {} becomes the results folder, else the folder is appended.
    [string] $UploadCmd = '',
    # Use this inferbench command instead of installing .NET and building the CUDA variant.
    [string] $InferBench = '',
    # Extra 'inferbench run' options.
    [string[]] $RunArgs = @()
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$DotnetChannel = '10.0'
$ExitUsage = 2
$ExitEnvironment = 3
$ExitNothingMeasured = 4
$ExitCancelled = 130
# Rank of an inferbench run exit code in README.md's exit-code table (higher wins): 2, 130, then 3 and unknown codes
# (a bug outranks a failed row), 1, 4, 0.
function Get-Precedence([int] $Code) {
    switch ($Code) { 0 { 0 } $ExitNothingMeasured { 1 } 1 { 2 } $ExitCancelled { 4 } $ExitUsage { 5 } default { 3 } }
}

function Write-Step([string] $Message) { [Console]::Error.WriteLine("[bench-instance] $Message") }
function Stop-Bench([int] $Code, [string] $Message) { Write-Step "error: $Message"; exit $Code }

function Test-Gpu {
    if (-not (Get-Command nvidia-smi -ErrorAction SilentlyContinue)) {
        Stop-Bench $ExitEnvironment 'nvidia-smi not found: install the NVIDIA driver (or run the Docker image with --gpus all)'
    }
    & nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE -ne 0) { Stop-Bench $ExitEnvironment 'nvidia-smi failed: the NVIDIA driver is not working' }
    if ($IsLinux) {
        $libraries = (& ldconfig -p 2>$null) -join "`n"
        if ($libraries -notmatch 'libcudart\.so\.12') { Stop-Bench $ExitEnvironment 'CUDA 12 runtime (libcudart.so.12) not found: install CUDA 12, or use the Dockerfile (docs/gpu.md)' }
        if ($libraries -notmatch 'libcudnn\.so\.9') { Stop-Bench $ExitEnvironment 'cuDNN 9 (libcudnn.so.9) not found: install cuDNN 9 for CUDA 12, or use the Dockerfile (docs/gpu.md)' }
    }
}

function Install-DotnetIfMissing {
    $major = $DotnetChannel.Split('.')[0]
    if ((Get-Command dotnet -ErrorAction SilentlyContinue) -and ((& dotnet --list-sdks) -match "^$major\.")) { return }
    $installDir = Join-Path $HOME '.dotnet'
    Write-Step "installing the .NET $DotnetChannel SDK into $installDir"
    if ($IsWindows) {
        $installer = Join-Path ([IO.Path]::GetTempPath()) 'dotnet-install.ps1'
        Invoke-WebRequest -Uri 'https://dot.net/v1/dotnet-install.ps1' -OutFile $installer
        & $installer -Channel $DotnetChannel -InstallDir $installDir
    } else {
        $installer = Join-Path ([IO.Path]::GetTempPath()) 'dotnet-install.sh'
        Invoke-WebRequest -Uri 'https://dot.net/v1/dotnet-install.sh' -OutFile $installer
        & bash $installer --channel $DotnetChannel --install-dir $installDir
    }
    $env:PATH = "$installDir$([IO.Path]::PathSeparator)$env:PATH"
    $env:DOTNET_ROOT = $installDir
}

$repoRoot = Split-Path -Parent $PSScriptRoot
Set-Location $repoRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

Test-Gpu
if ($InferBench) {
    $command = $InferBench -split ' '
} else {
    Install-DotnetIfMissing
    $buildDir = Join-Path $repoRoot '.cache/build-cuda'
    Write-Step "building the CUDA variant into $buildDir"
    & dotnet publish src/InferBench.Cli -c Release -p:ExecutionProvider=cuda -o $buildDir | ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE -ne 0) { Stop-Bench 1 'the CUDA build failed' }
    $command = @('dotnet', (Join-Path $buildDir 'InferBench.Cli.dll'))
}
$exe = $command[0]
$prefix = @($command | Select-Object -Skip 1)

$results = Join-Path $Out ("instance-" + [DateTime]::UtcNow.ToString('yyyyMMdd-HHmmss'))
New-Item -ItemType Directory -Force -Path $results | Out-Null
@(
    "started_utc: $([DateTime]::UtcNow.ToString('yyyy-MM-ddTHH:mm:ssZ'))"
    "host: $([Environment]::OSVersion.VersionString) $([Environment]::MachineName)"
    "models: $($Models -join ' ')"
    'gpus:'
    (& nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit --format=csv,noheader | ForEach-Object { "  $_" })
) | Set-Content -Path (Join-Path $results 'instance.txt')

Write-Step 'power probe'
& $exe @prefix power probe *> (Join-Path $results 'power-probe.txt')
if ($LASTEXITCODE -ne 0) { Write-Step "inferbench power probe is not available or failed (see $results/power-probe.txt); continuing without it" }

$worst = 0
foreach ($spec in $Models) {
    $model, $variantList = $spec -split ':', 2
    $variantArgs = @()
    if ($variantList) { foreach ($variant in $variantList -split ',') { $variantArgs += @('--variant', $variant) } }
    Write-Step "fetching $model $variantArgs"
    & $exe @prefix fetch $model @variantArgs --manifest $Manifest 2>&1 | Tee-Object -Append -FilePath (Join-Path $results 'fetch.log') | ForEach-Object { [Console]::Error.WriteLine($_) }
    switch ($LASTEXITCODE) {
        0 { }
        $ExitUsage { Stop-Bench $ExitUsage "inferbench fetch refused $model ${variantArgs}: bad input such as an unknown model or variant in $Manifest (see $results/fetch.log)" }
        $ExitCancelled { Stop-Bench $ExitCancelled "fetching $model was cancelled; run the same command again to resume" }
        $ExitEnvironment { Stop-Bench $ExitEnvironment "inferbench fetch reported a bug while fetching $model (see $results/fetch.log)" }
        default { Stop-Bench 1 "fetching $model failed (see $results/fetch.log); run the same command again to resume" }
    }
    Write-Step "running $model on cuda"
    & $exe @prefix run --manifest $Manifest --model $model @variantArgs --ep cuda --out $results --json @RunArgs 2>> (Join-Path $results 'run.log') |
        Tee-Object -Append -FilePath (Join-Path $results 'run-json-paths.txt')
    $status = $LASTEXITCODE
    if ($status -eq $ExitNothingMeasured) {
        Write-Step ("nothing was measured for $model on cuda: every row is unsupported or skipped (see the reasons in $results/run.log; " +
            'on a GPU instance this usually means the CUDA build could not load CUDA or cuDNN, or no variant was fetched)')
    }
    if ((Get-Precedence $status) -gt (Get-Precedence $worst)) { $worst = $status }
}

if ($UploadCmd) {
    $quoted = "'" + $results.Replace("'", "''") + "'"
    $upload = if ($UploadCmd.Contains('{}')) { $UploadCmd.Replace('{}', $quoted) } else { "$UploadCmd $quoted" }
    Write-Step "uploading: $upload"
    Invoke-Expression $upload
    if ($LASTEXITCODE -ne 0) { Stop-Bench 1 "the upload command failed; the results are still in $results" }
}

Write-Step "results: $results"
exit $worst
