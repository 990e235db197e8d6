/*
 * A stand-in for libnvidia-ml.so.1 in tests: the same symbols, replaying a scripted power trace.
 * The script is read from "<this library's path>.script" at the first call, so every copy of the library has its own.
 * The test moves time with fake_nvml_set_time_ms (until it does, time is the monotonic clock since the first call);
 * power is the scripted piecewise-linear trace at that time and the energy counter its exact integral (whole mJ),
 * updated every energy_period_ms.
 *
 * Script lines (dev = device index, t in ms, codes are nvmlReturn_t values):
 *   init <code>                          nvmlInit_v2 returns code
 *   count_ret <code>                     nvmlDeviceGetCount_v2 returns code
 *   driver <version>
 *   device <uuid> <name...>              adds a device
 *   power <dev> <t> <watts>              a point of the power trace
 *   throttle <dev> <t> <mask>            clock event reasons from time t
 *   energy_ret <dev> <code> [<from t>]   energy counter calls fail with code (from time t)
 *   power_ret <dev> <code> [<from t>]    nvmlDeviceGetPowerUsage and the power field fail with code (from time t)
 *   field_ret <dev> <code>               the POWER_INSTANT field answers code
 *   energy_period_ms <dev> <ms>          the counter moves in steps of this period
 *   energy_offset_mj <dev> <mJ>          counter value at t = 0
 *   reset_at_ms <dev> <t>                the counter restarts from 0 (driver reload)
 *   limit_mw <dev> <mW>
 *   temp_c <dev> <degrees>
 *   temp <dev> <t> <degrees>             a point of a temperature trace (piecewise linear, read as whole degrees); overrides temp_c
 *   sm_mhz <dev> <t> <MHz>               SM clock from time t (default 1980)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define MAX_DEVICES 8
#define MAX_POINTS 8192
#define MAX_STEPS 64

typedef struct { double t_ms, value; } point;

typedef struct {
    char uuid[96], name[96];
    int energy_ret, power_ret, field_ret;
    double energy_ret_from_ms, power_ret_from_ms;
    double energy_period_ms, energy_offset_mj, reset_at_ms;
    point power[MAX_POINTS];
    int power_points;
    point throttle[MAX_STEPS];
    int throttle_steps;
    point temperature[MAX_POINTS];
    int temperature_points;
    point sm_clock[MAX_STEPS];
    int sm_clock_steps;
    unsigned limit_mw, temp_c;
} fake_device;

typedef struct {
    unsigned fieldId, scopeId;
    long long timestamp, latencyUsec;
    int valueType, nvmlReturn;
    union { double dVal; unsigned uiVal; unsigned long ulVal; unsigned long long ullVal; long long sllVal; int siVal; } value;
} fake_field_value;

typedef struct { unsigned gpu, memory; } fake_utilization;
typedef struct { unsigned long long total, free, used; } fake_memory;

static fake_device devices[MAX_DEVICES];
static int device_count, init_ret, count_ret, loaded, init_count;
static char driver_version[80] = "999.99-fake";
static double set_ms, start_ms;
static int time_set;

static double monotonic_ms(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double now(void)
{
    return time_set ? set_ms : monotonic_ms() - start_ms;
}

static void load_script(void)
{
    if (loaded)
        return;
    loaded = 1;
    start_ms = monotonic_ms();
    Dl_info info;
    char path[4096], line[1024];
    if (!dladdr((void *)&load_script, &info) || !info.dli_fname)
        return;
    snprintf(path, sizeof path, "%s.script", info.dli_fname);
    FILE *script = fopen(path, "r");
    if (!script)
        return;
    while (fgets(line, sizeof line, script)) {
        line[strcspn(line, "\r\n")] = 0;
        int d, code, offset = 0;
        double t, value;
        char uuid[96];
        if (sscanf(line, "init %d", &code) == 1) init_ret = code;
        else if (sscanf(line, "count_ret %d", &code) == 1) count_ret = code;
        else if (sscanf(line, "driver %79s", driver_version) == 1) continue;
        else if (sscanf(line, "device %95s %n", uuid, &offset) == 1 && offset > 0 && device_count < MAX_DEVICES) {
            fake_device *dev = &devices[device_count++];
            snprintf(dev->uuid, sizeof dev->uuid, "%s", uuid);
            snprintf(dev->name, sizeof dev->name, "%s", line + offset);
            dev->reset_at_ms = -1;
            dev->limit_mw = 700000;
            dev->temp_c = 40;
        }
        else if (sscanf(line, "power %d %lf %lf", &d, &t, &value) == 3 && devices[d].power_points < MAX_POINTS)
            devices[d].power[devices[d].power_points++] = (point){t, value};
        else if (sscanf(line, "temp %d %lf %lf", &d, &t, &value) == 3 && devices[d].temperature_points < MAX_POINTS)
            devices[d].temperature[devices[d].temperature_points++] = (point){t, value};
        else if (sscanf(line, "sm_mhz %d %lf %lf", &d, &t, &value) == 3 && devices[d].sm_clock_steps < MAX_STEPS)
            devices[d].sm_clock[devices[d].sm_clock_steps++] = (point){t, value};
        else if (sscanf(line, "throttle %d %lf %lf", &d, &t, &value) == 3 && devices[d].throttle_steps < MAX_STEPS)
            devices[d].throttle[devices[d].throttle_steps++] = (point){t, value};
        else if (sscanf(line, "energy_ret %d %d %lf", &d, &code, &t) >= 2) {
            devices[d].energy_ret = code;
            devices[d].energy_ret_from_ms = sscanf(line, "energy_ret %d %d %lf", &d, &code, &t) == 3 ? t : 0;
        }
        else if (sscanf(line, "power_ret %d %d %lf", &d, &code, &t) >= 2) {
            devices[d].power_ret = code;
            devices[d].power_ret_from_ms = sscanf(line, "power_ret %d %d %lf", &d, &code, &t) == 3 ? t : 0;
        }
        else if (sscanf(line, "field_ret %d %d", &d, &code) == 2) devices[d].field_ret = code;
        else if (sscanf(line, "energy_period_ms %d %lf", &d, &value) == 2) devices[d].energy_period_ms = value;
        else if (sscanf(line, "energy_offset_mj %d %lf", &d, &value) == 2) devices[d].energy_offset_mj = value;
        else if (sscanf(line, "reset_at_ms %d %lf", &d, &t) == 2) devices[d].reset_at_ms = t;
        else if (sscanf(line, "limit_mw %d %d", &d, &code) == 2) devices[d].limit_mw = (unsigned)code;
        else if (sscanf(line, "temp_c %d %d", &d, &code) == 2) devices[d].temp_c = (unsigned)code;
    }
    fclose(script);
}

static double value_at(const point *points, int count, double t)
{
    if (count == 0)
        return 0;
    if (t <= points[0].t_ms)
        return points[0].value;
    for (int i = 1; i < count; i++)
        if (t <= points[i].t_ms) {
            double span = points[i].t_ms - points[i - 1].t_ms;
            double share = span > 0 ? (t - points[i - 1].t_ms) / span : 1;
            return points[i - 1].value + share * (points[i].value - points[i - 1].value);
        }
    return points[count - 1].value;
}

/* Integral of the power trace from a to b in W x ms = mJ: trapezoids between breakpoints are exact. */
static double integral_mj(const fake_device *dev, double a, double b)
{
    const point *p = dev->power;
    int n = dev->power_points;
    if (n == 0 || b <= a)
        return 0;
    double sum = 0, from = a, from_value = value_at(p, n, a);
    for (int i = 0; i < n && from < b; i++) {
        if (p[i].t_ms < from)
            continue;
        if (p[i].t_ms == from) {
            from_value = p[i].value;
            continue;
        }
        double to = p[i].t_ms < b ? p[i].t_ms : b;
        double to_value = to == p[i].t_ms ? p[i].value : value_at(p, n, to);
        sum += (from_value + to_value) / 2 * (to - from);
        from = to;
        from_value = to_value;
    }
    if (from < b)
        sum += from_value * (b - from);
    return sum;
}

static double step_at(const point *steps, int count, double t)
{
    double value = 0;
    for (int i = 0; i < count; i++)
        if (t >= steps[i].t_ms)
            value = steps[i].value;
    return value;
}

static fake_device *device_of(void *handle) { return (fake_device *)handle; }

void fake_nvml_set_time_ms(double t)
{
    time_set = 1;
    set_ms = t;
}
int fake_nvml_init_count(void) { return init_count; }

const char *nvmlErrorString(int result)
{
    switch (result) {
    case 0: return "fake-nvml: Success";
    case 1: return "fake-nvml: Uninitialized";
    case 2: return "fake-nvml: Invalid Argument";
    case 3: return "fake-nvml: Not Supported";
    case 4: return "fake-nvml: Insufficient Permissions";
    case 9: return "fake-nvml: Driver Not Loaded";
    case 15: return "fake-nvml: GPU is lost";
    default: return "fake-nvml: Unknown Error";
    }
}

int nvmlInit_v2(void)
{
    load_script();
    if (init_ret)
        return init_ret;
    init_count++;
    return 0;
}

int nvmlShutdown(void)
{
    if (init_count == 0)
        return 1;
    init_count--;
    return 0;
}

int nvmlSystemGetDriverVersion(char *version, unsigned length)
{
    snprintf(version, length, "%s", driver_version);
    return 0;
}

int nvmlDeviceGetCount_v2(unsigned *count)
{
    if (init_count == 0)
        return 1;
    if (count_ret)
        return count_ret;
    *count = (unsigned)device_count;
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned index, void **device)
{
    if (index >= (unsigned)device_count)
        return 2;
    *device = &devices[index];
    return 0;
}

int nvmlDeviceGetName(void *device, char *name, unsigned length)
{
    snprintf(name, length, "%s", device_of(device)->name);
    return 0;
}

int nvmlDeviceGetUUID(void *device, char *uuid, unsigned length)
{
    snprintf(uuid, length, "%s", device_of(device)->uuid);
    return 0;
}

int nvmlDeviceGetTotalEnergyConsumption(void *device, unsigned long long *energy)
{
    fake_device *dev = device_of(device);
    double t = now();
    if (dev->energy_ret && t >= dev->energy_ret_from_ms)
        return dev->energy_ret;
    if (dev->energy_period_ms > 0)
        t = floor(t / dev->energy_period_ms) * dev->energy_period_ms;
    *energy = (unsigned long long)(dev->reset_at_ms >= 0 && t >= dev->reset_at_ms
        ? integral_mj(dev, dev->reset_at_ms, t)
        : dev->energy_offset_mj + integral_mj(dev, 0, t));
    return 0;
}

static int power_failure(const fake_device *dev)
{
    return dev->power_ret && now() >= dev->power_ret_from_ms ? dev->power_ret : 0;
}

static unsigned milliwatts_now(const fake_device *dev)
{
    return (unsigned)llround(value_at(dev->power, dev->power_points, now()) * 1000);
}

int nvmlDeviceGetPowerUsage(void *device, unsigned *power)
{
    fake_device *dev = device_of(device);
    if (power_failure(dev))
        return power_failure(dev);
    *power = milliwatts_now(dev);
    return 0;
}

int nvmlDeviceGetFieldValues(void *device, int count, fake_field_value *values)
{
    fake_device *dev = device_of(device);
    for (int i = 0; i < count; i++) {
        values[i].timestamp = (long long)(now() * 1000);
        if (values[i].fieldId != 185 && values[i].fieldId != 186)
            values[i].nvmlReturn = 2;
        else if (dev->field_ret || power_failure(dev))
            values[i].nvmlReturn = dev->field_ret ? dev->field_ret : power_failure(dev);
        else {
            values[i].nvmlReturn = 0;
            values[i].valueType = 1;
            values[i].value.uiVal = milliwatts_now(dev);
        }
    }
    return 0;
}

int nvmlDeviceGetEnforcedPowerLimit(void *device, unsigned *limit)
{
    *limit = device_of(device)->limit_mw;
    return 0;
}

int nvmlDeviceGetClockInfo(void *device, int type, unsigned *clock)
{
    fake_device *dev = device_of(device);
    if (type == 1 && dev->sm_clock_steps > 0 && now() >= dev->sm_clock[0].t_ms)
        *clock = (unsigned)step_at(dev->sm_clock, dev->sm_clock_steps, now());
    else
        *clock = type == 1 ? 1980 : type == 2 ? 2619 : 1755;
    return 0;
}

int nvmlDeviceGetTemperature(void *device, int sensor, unsigned *temperature)
{
    if (sensor != 0)
        return 2;
    fake_device *dev = device_of(device);
    *temperature = dev->temperature_points > 0
        ? (unsigned)floor(value_at(dev->temperature, dev->temperature_points, now()))
        : dev->temp_c;
    return 0;
}

int nvmlDeviceGetUtilizationRates(void *device, fake_utilization *utilization)
{
    (void)device;
    utilization->gpu = 97;
    utilization->memory = 40;
    return 0;
}

int nvmlDeviceGetMemoryInfo(void *device, fake_memory *memory)
{
    (void)device;
    memory->total = 80ULL << 30;
    memory->used = 1ULL << 30;
    memory->free = memory->total - memory->used;
    return 0;
}

static int clock_reasons(void *device, unsigned long long *reasons)
{
    fake_device *dev = device_of(device);
    *reasons = (unsigned long long)step_at(dev->throttle, dev->throttle_steps, now());
    return 0;
}

#ifndef FAKE_NVML_NO_EVENT_REASONS
int nvmlDeviceGetCurrentClocksEventReasons(void *device, unsigned long long *reasons) { return clock_reasons(device, reasons); }
#endif
int nvmlDeviceGetCurrentClocksThrottleReasons(void *device, unsigned long long *reasons) { return clock_reasons(device, reasons); }
