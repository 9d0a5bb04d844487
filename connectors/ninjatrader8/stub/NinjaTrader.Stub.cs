// A stand-in for the parts of NinjaTrader 8's API that SessionguardConnector.cs uses, so the
// add-on compiles (mcs -langversion:5) and runs under Mono here, where NinjaTrader does not.
//
// Written against NinjaTrader 8.1 as its help guide documents it (NinjaScript > Language
// Reference; https://ninjatrader.com/support/helpGuides/nt8/). Each member names its help-guide
// page in a "help:" comment. It declares only what the add-on uses; members marked
// "harness only" (each named Stub...) exist so the test harness can build accounts, raise events
// and see what the add-on asked NinjaTrader to do. They are not NinjaTrader API and the add-on
// never uses them; tests/connectors checks that, and that every other member is used.

using System;
using System.Collections.Generic;

namespace NinjaTrader.NinjaScript
{
    // help: Language Reference > Common > State
    public enum State
    {
        SetDefaults,
        Active,
        Terminated
    }

    // help: Language Reference > Add On (AddOnBase: the class NinjaTrader instantiates for each add-on)
    public abstract class AddOnBase
    {
        // help: Language Reference > Common > State
        public State State { get; private set; }

        // help: Language Reference > Common > Name
        public string Name { get; set; }

        // help: Language Reference > Common > Description
        public string Description { get; set; }

        // help: Language Reference > Common > OnStateChange()
        protected virtual void OnStateChange() { }

        // help: Language Reference > Common > Print()
        public void Print(object value)
        {
            lock (StubPrinted) StubPrinted.Add(value == null ? "" : value.ToString());
        }

        // harness only: what NinjaTrader does when it moves the add-on to another state.
        public void StubTransition(State state)
        {
            State = state;
            OnStateChange();
        }

        // harness only: what the add-on printed to the NinjaScript output window.
        public readonly List<string> StubPrinted = new List<string>();
    }
}

namespace NinjaTrader.Core
{
    // help: Language Reference > Globals (NinjaTrader.Core.Globals)
    public static class Globals
    {
        // help: Language Reference > Globals > UserDataDir ("Documents\NinjaTrader 8\", with the trailing separator)
        public static string UserDataDir { get; set; }

        // help: Language Reference > Globals > GeneralOptions (the Options > General settings, including the time zone)
        public static StubGeneralOptions GeneralOptions = new StubGeneralOptions();
    }

    public class StubGeneralOptions
    {
        // help: Options > General > Time zone: the zone NinjaTrader shows (and reports execution times) in
        public TimeZoneInfo TimeZoneInfo { get; set; }
    }
}

namespace NinjaTrader.Cbi
{
    // help: Language Reference > Account > Provider
    public enum Provider
    {
        Simulator,
        Playback,
        // harness only: a live brokerage connection.
        StubLive
    }

    // help: Language Reference > Account > Denomination (the Currency enum)
    public enum Currency
    {
        UsDollar
    }

    // help: Language Reference > Account > AccountItem
    public enum AccountItem
    {
        RealizedProfitLoss,
        UnrealizedProfitLoss,
        NetLiquidation
    }

    // help: Language Reference > Common > MarketPosition
    public enum MarketPosition
    {
        Long,
        Short,
        Flat
    }

    // help: Language Reference > Account > ExecutionUpdate (ExecutionEventArgs.Operation: Add, Update, Remove)
    public enum Operation
    {
        Add,
        Update,
        Remove
    }

    // help: Language Reference > Order > OrderAction
    public enum OrderAction
    {
        Buy,
        BuyToCover,
        Sell
    }

    // help: Language Reference > Order > OrderState
    public enum OrderState
    {
        Submitted,
        Accepted,
        TriggerPending,
        Working,
        ChangePending,
        ChangeSubmitted,
        PartFilled
    }

    // help: Language Reference > Instrument > MasterInstrument
    public class MasterInstrument
    {
        // help: Language Reference > Instrument > MasterInstrument > Name
        public string Name { get; set; }
        // help: Language Reference > Instrument > MasterInstrument > PointValue
        public double PointValue { get; set; }
        // help: Language Reference > Instrument > MasterInstrument > TickSize
        public double TickSize { get; set; }
    }

    // help: Language Reference > Instrument
    public class Instrument
    {
        // help: Language Reference > Instrument > FullName
        public string FullName { get; set; }
        // help: Language Reference > Instrument > MasterInstrument
        public MasterInstrument MasterInstrument { get; set; }
    }

    // help: Language Reference > Execution
    public class Execution
    {
        // help: Language Reference > Execution (ExecutionId)
        public string ExecutionId { get; set; }
        // help: Language Reference > Execution (OrderId)
        public string OrderId { get; set; }
        // help: Language Reference > Execution (Account)
        public Account Account { get; set; }
        // help: Language Reference > Execution (Instrument)
        public Instrument Instrument { get; set; }
        // help: Language Reference > Execution (MarketPosition: Long for a buy, Short for a sell)
        public MarketPosition MarketPosition { get; set; }
        // help: Language Reference > Execution (Quantity)
        public int Quantity { get; set; }
        // help: Language Reference > Execution (Price)
        public double Price { get; set; }
        // help: Language Reference > Execution (Time, in the zone of Options > General)
        public DateTime Time { get; set; }
        // help: Language Reference > Execution (Commission)
        public double Commission { get; set; }
    }

    // help: Language Reference > Account > ExecutionUpdate
    public class ExecutionEventArgs : EventArgs
    {
        // help: Language Reference > Account > ExecutionUpdate (Execution)
        public Execution Execution { get; set; }
        // help: Language Reference > Account > ExecutionUpdate (Operation)
        public Operation Operation { get; set; }
    }

    // help: Language Reference > Account > AccountItemUpdate
    public class AccountItemEventArgs : EventArgs
    {
        // help: Language Reference > Account > AccountItemUpdate (Account)
        public Account Account { get; set; }
        // help: Language Reference > Account > AccountItemUpdate (AccountItem)
        public AccountItem AccountItem { get; set; }
        // help: Language Reference > Account > AccountItemUpdate (Value)
        public double Value { get; set; }
    }

    // help: Language Reference > Account > AccountStatusUpdate
    public class AccountStatusEventArgs : EventArgs
    {
        // help: Language Reference > Account > AccountStatusUpdate (Account)
        public Account Account { get; set; }
    }

    // help: Language Reference > Order
    public class Order
    {
        // help: Language Reference > Order (OrderId)
        public string OrderId { get; set; }
        // help: Language Reference > Order (Account)
        public Account Account { get; set; }
        // help: Language Reference > Order (Instrument)
        public Instrument Instrument { get; set; }
        // help: Language Reference > Order (OrderAction)
        public OrderAction OrderAction { get; set; }
        // help: Language Reference > Order (Quantity)
        public int Quantity { get; set; }
        // help: Language Reference > Order (OrderState)
        public OrderState OrderState { get; set; }
    }

    // help: Language Reference > Account > OrderUpdate
    public class OrderEventArgs : EventArgs
    {
        // help: Language Reference > Account > OrderUpdate (Order)
        public Order Order { get; set; }
    }

    // help: Language Reference > Position
    public class Position
    {
        // help: Language Reference > Position (Instrument)
        public Instrument Instrument { get; set; }
        // help: Language Reference > Position (MarketPosition)
        public MarketPosition MarketPosition { get; set; }
        // help: Language Reference > Position (Quantity)
        public int Quantity { get; set; }
    }

    // help: Language Reference > Account
    public class Account
    {
        // help: Language Reference > Account ("lock (Account.All)" before reading the connected accounts)
        public static readonly List<Account> All = new List<Account>();

        // help: Language Reference > Account > AccountStatusUpdate (static: an account connected or disconnected)
        public static event EventHandler<AccountStatusEventArgs> AccountStatusUpdate;

        // help: Language Reference > Account > Name
        public string Name { get; set; }
        // help: Language Reference > Account > Provider
        public Provider Provider { get; set; }
        // help: Language Reference > Account > Denomination
        public Currency Denomination { get; set; }
        // help: Language Reference > Account > Orders (lock it while reading)
        public readonly List<Order> Orders = new List<Order>();
        // help: Language Reference > Account > Positions (lock it while reading)
        public readonly List<Position> Positions = new List<Position>();

        // help: Language Reference > Account > ExecutionUpdate
        public event EventHandler<ExecutionEventArgs> ExecutionUpdate;
        // help: Language Reference > Account > AccountItemUpdate
        public event EventHandler<AccountItemEventArgs> AccountItemUpdate;
        // help: Language Reference > Account > OrderUpdate
        public event EventHandler<OrderEventArgs> OrderUpdate;

        // help: Language Reference > Account > Get()
        public double Get(AccountItem item, Currency currency)
        {
            double value;
            lock (StubValues) return StubValues.TryGetValue(item, out value) ? value : 0;
        }

        // help: Language Reference > Account > Cancel()
        public void Cancel(IEnumerable<Order> orders)
        {
            lock (StubCancelled) StubCancelled.AddRange(orders);
        }

        // help: Language Reference > Account > Flatten()
        public void Flatten(ICollection<Instrument> instruments)
        {
            lock (StubFlattened) StubFlattened.Add(new List<Instrument>(instruments));
        }

        // harness only: account values Get() returns, and what the add-on asked to cancel and flatten.
        public readonly Dictionary<AccountItem, double> StubValues = new Dictionary<AccountItem, double>();
        public readonly List<Order> StubCancelled = new List<Order>();
        public readonly List<List<Instrument>> StubFlattened = new List<List<Instrument>>();

        // harness only: NinjaTrader raising the account's events.
        public void StubRaise(ExecutionEventArgs e) { EventHandler<ExecutionEventArgs> h = ExecutionUpdate; if (h != null) h(this, e); }
        public void StubRaise(AccountItemEventArgs e) { lock (StubValues) StubValues[e.AccountItem] = e.Value; EventHandler<AccountItemEventArgs> h = AccountItemUpdate; if (h != null) h(this, e); }
        public void StubRaise(OrderEventArgs e) { EventHandler<OrderEventArgs> h = OrderUpdate; if (h != null) h(this, e); }
        public static void StubRaiseStatus(Account account) { EventHandler<AccountStatusEventArgs> h = AccountStatusUpdate; if (h != null) h(null, new AccountStatusEventArgs { Account = account }); }
        public bool StubHasSubscribers { get { return ExecutionUpdate != null && AccountItemUpdate != null && OrderUpdate != null; } }
    }
}
