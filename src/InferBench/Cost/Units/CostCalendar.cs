namespace InferBench.Cost.Units;

/// <summary>The calendar every cost figure uses: a month is 30 days (720 h), a year 365 days (8760 h).</summary>
public static class CostCalendar
{
    public const double SecondsPerHour = 3600;
    public const double HoursPerDay = 24;
    public const double HoursPerMonth = 30 * HoursPerDay;
    public const double HoursPerYear = 365 * HoursPerDay;
}
