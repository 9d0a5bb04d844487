// Drives SessionguardConnector through the NinjaTrader stub against a real Sessionguard feed
// (started by tests/connectors/ninjatrader8.test.ts), the way NinjaTrader would: state changes,
// account events from "NinjaTrader's thread" (this one), and what the add-on asks NinjaTrader to
// do (cancel, flatten) recorded by the stub.
//
// Protocol with the test: the harness prints "SYNC <step>" and waits for a line from the test,
// which checks Sessionguard's side (what was recorded, the lock) or stops/starts the feed, then
// answers "go". Every check prints PASS or FAIL; the exit code is the number of failures.
//
//   mono Harness.exe <port> <token-file> <data-dir>

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using NinjaTrader.Cbi;
using NinjaTrader.NinjaScript;
using NinjaTrader.NinjaScript.AddOns;

public static class Harness
{
    private static int failures;
    private static string folder;
    private static string token;
    private static TimeZoneInfo newYork;
    private static readonly MasterInstrument Mnq = new MasterInstrument { Name = "MNQ", PointValue = 2, TickSize = 0.25 };
    private static readonly Instrument MnqDec = new Instrument { FullName = "MNQ 12-26", MasterInstrument = Mnq };

    public static int Main(string[] args)
    {
        // A German Windows: "21000,25" wherever code forgets the invariant culture.
        Thread.CurrentThread.CurrentCulture = new CultureInfo("de-DE");
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        token = File.ReadAllText(args[1]).Trim();
        string userDataDir = args[2];
        folder = Path.Combine(Path.Combine(Path.Combine(userDataDir, "bin"), "Custom"), "AddOns");
        newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        NinjaTrader.Core.Globals.UserDataDir = userDataDir + Path.DirectorySeparatorChar;
        NinjaTrader.Core.Globals.GeneralOptions.TimeZoneInfo = newYork;

        try
        {
            Pure();
            Run(port);
        }
        catch (Exception error)
        {
            Check(false, "the harness ran to the end: " + error);
        }
        Console.WriteLine("DONE failures=" + failures);
        return failures;
    }

    private static void Pure()
    {
        Check(SessionguardConnector.ToUtc(new DateTime(2026, 3, 8, 1, 59, 59), newYork) == new DateTime(2026, 3, 8, 6, 59, 59), "01:59:59 New York before the spring-forward is 06:59:59 UTC");
        Check(SessionguardConnector.ToUtc(new DateTime(2026, 3, 8, 3, 0, 0), newYork) == new DateTime(2026, 3, 8, 7, 0, 0), "03:00 New York after the spring-forward is 07:00 UTC");
        Check(SessionguardConnector.ToUtc(new DateTime(2026, 11, 25, 9, 42, 10, 123), newYork) == new DateTime(2026, 11, 25, 14, 42, 10, 123), "09:42:10.123 New York in winter is 14:42:10.123 UTC");
        Check(Json.Decimal(21000.25m) == "21000.25" && Json.Decimal(-0.5m) == "-0.5" && Json.Decimal(2.50m) == "2.5", "numbers are written with a dot under de-DE (21000.25, -0.5, 2.5)");
        Dictionary<string, object> reply = Json.Parse("{\"lock\":{\"active\":true,\"reason\":\"loss_limit\",\"until\":\"2026-03-02T15:00:00.000Z\",\"action\":\"flatten_and_block\",\"sessionId\":7},\"x\":[1.5,null,\"a\\\"b\\u00e9\"]}") as Dictionary<string, object>;
        LockState state = LockState.From((Dictionary<string, object>)reply["lock"]);
        Check(state.Active && state.UntilUtc == new DateTime(2026, 3, 2, 15, 0, 0, DateTimeKind.Utc) && state.Key == "7@2026-03-02T15:00:00.000Z", "a lock reply is read: active until 15:00 UTC for session 7");
        Check(((List<object>)reply["x"])[2] as string == "a\"b\u00e9" && (decimal)((List<object>)reply["x"])[0] == 1.5m, "JSON strings and numbers are read exactly");
        Check(Json.Parse("{\"a\":") == null && Json.Parse("nope") == null, "a malformed reply is read as nothing, not a crash");
    }

    private static void Run(int port)
    {
        Account sim = NewAccount("Sim101", Provider.Simulator);
        Account live = NewAccount("APEX-1", Provider.StubLive);
        Account other = NewAccount("Other", Provider.Simulator);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "SessionguardConnector.settings.txt"),
            "# written by the harness\nport = " + port + "\ntoken = " + token + "\naccounts = Sim101, APEX-1, Late\nenforce = apex-1\nheartbeatSeconds = 1\n");

        SessionguardConnector addOn = new SessionguardConnector();
        addOn.StubTransition(State.SetDefaults);
        Check(addOn.Name == "Sessionguard connector", "SetDefaults names the add-on");
        addOn.StubTransition(State.Active);
        Check(sim.StubHasSubscribers && live.StubHasSubscribers && !other.StubHasSubscribers, "Active subscribes the accounts listed in the settings (Sim101, APEX-1), not the others");
        Account late = NewAccount("Late", Provider.Simulator);
        Account.StubRaiseStatus(late);
        Check(late.StubHasSubscribers, "an account that connects later is subscribed when NinjaTrader reports it");
        Check(Printed(addOn, "Enforcement is on for apex-1."), "the log says where enforcement is on");

        sim.StubRaise(new AccountItemEventArgs { Account = sim, AccountItem = AccountItem.UnrealizedProfitLoss, Value = 35.5 });
        sim.StubRaise(new AccountItemEventArgs { Account = sim, AccountItem = AccountItem.RealizedProfitLoss, Value = -12.4000000001 });
        sim.StubRaise(new AccountItemEventArgs { Account = sim, AccountItem = AccountItem.NetLiquidation, Value = 50023.1 });
        Sync("heartbeat");

        // Partial fills across two accounts: Sim101 buys 3 in two fills of one order and sells them
        // in two fills; APEX-1 sells 1 short and covers. Prices carry double noise, as NinjaTrader's do.
        Execute(sim, "e1", "o1", MarketPosition.Long, 2, 21000.250000000004, 3);
        Execute(sim, "e2", "o1", MarketPosition.Long, 1, 21000.5, 3);
        Execute(live, "x1", "o2", MarketPosition.Short, 1, 21049.999999999996, -1);
        Execute(sim, "e3", "o3", MarketPosition.Short, 2, 21010, 1);
        Execute(sim, "e4", "o3", MarketPosition.Short, 1, 20995.75, 0);
        Execute(live, "x2", "o4", MarketPosition.Long, 1, 21040, 0);
        Sync("partials");

        // NinjaTrader's ExecutionUpdate also amends (a back-office price correction) and removes.
        Raise(sim, Operation.Update, Exec(sim, "e4", "o3", MarketPosition.Short, 1, 20996));
        Raise(live, Operation.Remove, Exec(live, "x2", "o4", MarketPosition.Long, 1, 21040));
        // An amend Sessionguard can't apply (it would move the execution to another instrument) is set aside with why.
        Execution moved = Exec(sim, "e3", "o3", MarketPosition.Short, 2, 21010);
        moved.Instrument = new Instrument { FullName = "MES 12-26", MasterInstrument = new MasterInstrument { Name = "MES", PointValue = 5, TickSize = 0.25 } };
        Raise(sim, Operation.Update, moved);
        Check(WaitUntil(() => Lines("SessionguardConnector.refused.txt") == 1 && Lines("SessionguardConnector.outbox.txt") == 0, 10000), "the amend Sessionguard could not apply is set aside in the refused file, and the outbox moves on");
        Check(File.ReadAllText(Path.Combine(folder, "SessionguardConnector.refused.txt")).Contains("refused: An amend can't move execution e3 from MNQ 12-26 to MES 12-26"), "the refused file says why");
        Sync("corrections");

        // Sessionguard is stopped: executions wait in the outbox, across a NinjaTrader restart.
        Sync("stop");
        Execute(sim, "s1", "o5", MarketPosition.Long, 1, 21001, 1);
        Execute(sim, "s2", "o6", MarketPosition.Short, 1, 21003, 0);
        Check(WaitUntil(() => Lines("SessionguardConnector.outbox.txt") == 2, 5000), "with Sessionguard stopped, both executions are in the outbox file");
        Check(WaitUntil(() => Printed(addOn, "kept in the outbox"), 5000), "the log says they are kept");
        addOn.StubTransition(State.Terminated);
        Check(!sim.StubHasSubscribers && !live.StubHasSubscribers, "Terminated unsubscribes every account");
        // A line Sessionguard will refuse as a whole (from an older add-on, or damaged) sits among them.
        File.AppendAllText(Path.Combine(folder, "SessionguardConnector.outbox.txt"), "{\"executionId\":\"damaged\"}\n");
        SessionguardConnector restarted = new SessionguardConnector();
        restarted.StubTransition(State.SetDefaults);
        restarted.StubTransition(State.Active);
        Check(Lines("SessionguardConnector.outbox.txt") == 3, "after a restart the outbox still holds both (and the damaged line)");
        Sync("start");
        Check(WaitUntil(() => Lines("SessionguardConnector.outbox.txt") == 0, 10000), "once Sessionguard is back, the outbox is replayed and emptied");
        Check(Lines("SessionguardConnector.refused.txt") == 2 && File.ReadAllText(Path.Combine(folder, "SessionguardConnector.refused.txt")).Contains("400 Invalid body: executions.0.orderId"), "the damaged line, refused as a whole (400), was found by sending singly and set aside; the two executions around it went through");
        Sync("replayed");

        // A breach: APEX-1 (enforcement on) loses past the limit; Sim101 (off) has a position and an order too.
        // APEX-1 still holds the short of x1 (its cover, x2, was removed): b1 covers it, b2 buys 2, b3 sells 1 at a loss.
        Order apexWorking = NewOrder(live, "w1", OrderAction.Buy, 1, OrderState.Working);
        Order simWorking = NewOrder(sim, "w2", OrderAction.Buy, 1, OrderState.Working);
        Execute(sim, "b0", "o7", MarketPosition.Long, 1, 21000, 1);
        Execute(live, "b1", "o8", MarketPosition.Long, 1, 21000, 0);
        Execute(live, "b2", "o9", MarketPosition.Long, 2, 21000, 2);
        Execute(live, "b3", "o10", MarketPosition.Short, 1, 20750, 1);
        Check(WaitUntil(() => Count(live.StubFlattened) == 1, 10000), "after the breach the add-on flattens APEX-1");
        Check(Printed(restarted, "trading is locked until"), "the log says trading is locked and until when");
        Check(live.StubFlattened[0].Count == 1 && live.StubFlattened[0][0] == MnqDec, "the flatten covers APEX-1's open instrument, MNQ 12-26");
        Check(Cancelled(live, apexWorking), "APEX-1's working order is cancelled");
        Check(Count(sim.StubFlattened) == 0 && !Cancelled(sim, simWorking), "Sim101 (enforcement off) is neither flattened nor cancelled");

        Order opening = NewOrder(live, "n1", OrderAction.Buy, 1, OrderState.Submitted);
        live.StubRaise(new OrderEventArgs { Order = opening });
        Check(Cancelled(live, opening), "a new buy on APEX-1 while locked is refused (cancelled)");
        Order closing = NewOrder(live, "n2", OrderAction.Sell, 1, OrderState.Submitted);
        live.StubRaise(new OrderEventArgs { Order = closing });
        Check(!Cancelled(live, closing), "a sell that closes APEX-1's remaining long is let through");
        Order flipping = NewOrder(live, "n3", OrderAction.Sell, 3, OrderState.Accepted);
        live.StubRaise(new OrderEventArgs { Order = flipping });
        Check(Cancelled(live, flipping), "a sell of 3 against a long of 1 (it would open a short) is refused");
        Order simOrder = NewOrder(sim, "n4", OrderAction.Buy, 1, OrderState.Submitted);
        sim.StubRaise(new OrderEventArgs { Order = simOrder });
        Check(!Cancelled(sim, simOrder), "a new order on Sim101 (enforcement off) is not touched");
        Sync("breach");

        restarted.StubTransition(State.Terminated);
        Check(!Printed(addOn, token) && !Printed(restarted, token), "the token never reaches the log");
    }

    private static Account NewAccount(string name, Provider provider)
    {
        Account account = new Account { Name = name, Provider = provider, Denomination = Currency.UsDollar };
        account.StubValues[AccountItem.RealizedProfitLoss] = 0;
        account.StubValues[AccountItem.UnrealizedProfitLoss] = 0;
        account.StubValues[AccountItem.NetLiquidation] = 50000;
        lock (Account.All) Account.All.Add(account);
        return account;
    }

    private static Order NewOrder(Account account, string id, OrderAction action, int quantity, OrderState state)
    {
        Order order = new Order { Account = account, Instrument = MnqDec, OrderAction = action, Quantity = quantity, OrderState = state };
        lock (account.Orders) account.Orders.Add(order);
        return order;
    }

    private static Execution Exec(Account account, string id, string orderId, MarketPosition side, int quantity, double price)
    {
        // NinjaTrader reports the time in its display zone (here New York), without a zone.
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, newYork);
        return new Execution { ExecutionId = id, OrderId = orderId, Account = account, Instrument = MnqDec, MarketPosition = side, Quantity = quantity, Price = price, Time = DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Commission = 0.62 };
    }

    /// <summary>A fill as NinjaTrader reports it: the position is updated, then ExecutionUpdate fires.</summary>
    private static void Execute(Account account, string id, string orderId, MarketPosition side, int quantity, double price, int positionAfter)
    {
        lock (account.Positions)
        {
            account.Positions.Clear();
            if (positionAfter != 0) account.Positions.Add(new Position { Instrument = MnqDec, MarketPosition = positionAfter > 0 ? MarketPosition.Long : MarketPosition.Short, Quantity = Math.Abs(positionAfter) });
        }
        Raise(account, Operation.Add, Exec(account, id, orderId, side, quantity, price));
        // Distinct times keep the FIFO order what it was in the platform.
        Thread.Sleep(5);
    }

    private static void Raise(Account account, Operation operation, Execution execution)
    {
        account.StubRaise(new ExecutionEventArgs { Execution = execution, Operation = operation });
    }

    private static bool Cancelled(Account account, Order order)
    {
        lock (account.StubCancelled) return account.StubCancelled.Contains(order);
    }

    private static int Count<T>(List<T> list)
    {
        lock (list) return list.Count;
    }

    private static int Lines(string file)
    {
        string path = Path.Combine(folder, file);
        if (!File.Exists(path)) return 0;
        int n = 0;
        foreach (string line in File.ReadAllLines(path)) if (line.Trim().Length > 0) n++;
        return n;
    }

    private static bool Printed(AddOnBase addOn, string text)
    {
        lock (addOn.StubPrinted)
            foreach (string line in addOn.StubPrinted)
                if (line.Contains(text)) return true;
        return false;
    }

    private static bool WaitUntil(Func<bool> condition, int timeoutMs)
    {
        DateTime end = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < end)
        {
            if (condition()) return true;
            Thread.Sleep(20);
        }
        return condition();
    }

    private static void Sync(string step)
    {
        Console.WriteLine("SYNC " + step);
        Console.Out.Flush();
        string answer = Console.ReadLine();
        Check(answer == "go", "Sessionguard's side of '" + step + "' " + (answer == "go" ? "held" : "failed: " + answer));
    }

    private static void Check(bool ok, string what)
    {
        Console.WriteLine((ok ? "PASS " : "FAIL ") + what);
        Console.Out.Flush();
        if (!ok) failures++;
    }
}
