// A stand-in for the parts of NinjaTrader 8's API that SessionguardConnector.cs uses, so the
// add-on compiles (mcs -langversion:5) and runs under Mono here, where NinjaTrader does not.
//
// Written against NinjaTrader 8.1 as its help guide documents it (NinjaScript > Language
// Reference, https://ninjatrader.com/support/helpGuides/nt8/<page>). Each member names its
// help-guide page (section and page file) in a "help:" comment; "..." continues the section
// named just above. It declares only what the add-on uses; members marked
// "harness only" (each named Stub...) exist so the test harness can build accounts, raise events
// and see what the add-on asked NinjaTrader to do. They are not NinjaTrader API and the add-on
// never uses them; tests/connectors checks that, and that every other member is used.

using System;
using System.Collections.Generic;

namespace NinjaTrader.NinjaScript
{
    // help: Language Reference > Common > OnStateChange() > State (state.htm; add-ons use the Active state: onstatechange.htm)
    public enum State
    {
        SetDefaults,
        Active,
        Terminated
    }

    // help: Educational Resources > Developing Add Ons (developing_add_ons.htm: AddOnBase is the add-on's entry point)
    public abstract class AddOnBase
    {
        // help: Language Reference > Common > OnStateChange() > State (state.htm)
        public State State { get; private set; }

        // help: Language Reference > Common > Name (name.htm)
        public string Name { get; set; }

        // help: Language Reference > Common > Description (description.htm)
        public string Description { get; set; }

        // help: Language Reference > Common > OnStateChange() (onstatechange.htm)
        protected virtual void OnStateChange() { }

        // help: Language Reference > Common > Alert, Debug, Share > Print() (print.htm)
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
    // help: Language Reference > Common > Globals (coreglobals.htm: NinjaTrader.Core.Globals)
    public static class Globals
    {
        // help: Core.Globals.UserDataDir, "Documents\NinjaTrader 8\" (no help-guide page we could read lists it; NinjaTrader's samples and published add-ons use it)
        public static string UserDataDir { get; set; }

        // help: Core.Globals.GeneralOptions, the Options > General settings (as for UserDataDir: used by published add-ons, no page we could read)
        public static StubGeneralOptions GeneralOptions = new StubGeneralOptions();
    }

    public class StubGeneralOptions
    {
        // help: GeneralOptions.TimeZoneInfo: the zone of Options > General, in which NinjaTrader shows times (as above)
        public TimeZoneInfo TimeZoneInfo { get; set; }
    }
}

namespace NinjaTrader.Cbi
{
    // help: Language Reference > Add On > Account > SimulationAccountReset (simulationaccountreset.htm: Account.Provider, Provider.Playback); Provider.Simulator as published add-ons test it
    public enum Provider
    {
        Simulator,
        Playback,
        // harness only: a live brokerage connection.
        StubLive
    }

    // help: Language Reference > Add On > Account > Denomination (denomination.htm); Currency.UsDollar: Get() (get.htm)
    public enum Currency
    {
        UsDollar
    }

    // help: Language Reference > Add On > Account > AccountItem (accountitem.htm)
    public enum AccountItem
    {
        RealizedProfitLoss,
        UnrealizedProfitLoss,
        NetLiquidation
    }

    // help: Language Reference > Strategy > Execution (execution.htm: MarketPosition.Long, .Short) and Position (position.htm)
    public enum MarketPosition
    {
        Long,
        Short,
        Flat
    }

    // help: Language Reference > Common > OnMarketDepth() > MarketDepthEventArgs (marketdeptheventargs.htm: Operation.Add, .Update, .Remove); on executions as in NinjaTrader's AddOn Framework sample
    public enum Operation
    {
        Add,
        Update,
        Remove
    }

    // help: Language Reference > Strategy > Order (order.htm: OrderAction)
    public enum OrderAction
    {
        Buy,
        BuyToCover,
        Sell
    }

    // help: Language Reference > Strategy > OnOrderUpdate() (onorderupdate.htm: the OrderState values)
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

    // help: Language Reference > Common > Instruments > MasterInstrument (masterinstrument.htm)
    public class MasterInstrument
    {
        // help: ... > MasterInstrument > Name (masterinstrument_name.htm)
        public string Name { get; set; }
        // help: ... > MasterInstrument > PointValue (pointvalue.htm)
        public double PointValue { get; set; }
        // help: ... > MasterInstrument > TickSize (masterinstrument_ticksize.htm)
        public double TickSize { get; set; }
    }

    // help: Language Reference > Common > Instruments > Instrument (instrument.htm)
    public class Instrument
    {
        // help: ... > Instrument > FullName (instrument_fullname.htm)
        public string FullName { get; set; }
        // help: Language Reference > Common > Instruments > MasterInstrument (masterinstrument.htm)
        public MasterInstrument MasterInstrument { get; set; }
    }

    // help: Language Reference > Strategy > Execution (execution.htm)
    public class Execution
    {
        // help: execution.htm (ExecutionId)
        public string ExecutionId { get; set; }
        // help: execution.htm (OrderId)
        public string OrderId { get; set; }
        // help: execution.htm (Account)
        public Account Account { get; set; }
        // help: execution.htm (Instrument)
        public Instrument Instrument { get; set; }
        // help: execution.htm (MarketPosition)
        public MarketPosition MarketPosition { get; set; }
        // help: execution.htm (Quantity)
        public int Quantity { get; set; }
        // help: execution.htm (Price)
        public double Price { get; set; }
        // help: execution.htm (Time)
        public DateTime Time { get; set; }
        // help: execution.htm (Commission)
        public double Commission { get; set; }
    }

    // help: Language Reference > Add On > Account > ExecutionUpdate (executionupdate.htm: new, amended by the broker's back office, or removed)
    public class ExecutionEventArgs : EventArgs
    {
        // help: executionupdate.htm (e.Execution)
        public Execution Execution { get; set; }
        // help: executionupdate.htm; e.Operation as NinjaTrader's AddOn Framework sample reads it
        public Operation Operation { get; set; }
    }

    // help: Language Reference > Strategy > OnAccountItemUpdate() > AccountItemEventArgs (accountitemeventargs.htm)
    public class AccountItemEventArgs : EventArgs
    {
        // help: accountitemeventargs.htm (Account)
        public Account Account { get; set; }
        // help: accountitemeventargs.htm (AccountItem)
        public AccountItem AccountItem { get; set; }
        // help: accountitemeventargs.htm (Value)
        public double Value { get; set; }
    }

    // help: Language Reference > Add On > Account > AccountStatusUpdate (accountstatusupdate.htm)
    public class AccountStatusEventArgs : EventArgs
    {
        // help: accountstatusupdate.htm (e.Account)
        public Account Account { get; set; }
    }

    // help: Language Reference > Strategy > Order (order.htm: compare Order objects directly; an OrderId can change)
    public class Order
    {
        // help: order.htm (Account)
        public Account Account { get; set; }
        // help: order.htm (Instrument)
        public Instrument Instrument { get; set; }
        // help: order.htm (OrderAction)
        public OrderAction OrderAction { get; set; }
        // help: order.htm (Quantity)
        public int Quantity { get; set; }
        // help: order.htm (OrderState)
        public OrderState OrderState { get; set; }
    }

    // help: Language Reference > Add On > Account > OrderUpdate (orderupdate.htm)
    public class OrderEventArgs : EventArgs
    {
        // help: orderupdate.htm (e.Order)
        public Order Order { get; set; }
    }

    // help: Language Reference > Strategy > Position (position.htm); Language Reference > Add On > Account > Positions (positions_account.htm)
    public class Position
    {
        // help: position.htm (Instrument)
        public Instrument Instrument { get; set; }
        // help: position.htm (MarketPosition)
        public MarketPosition MarketPosition { get; set; }
        // help: position.htm (Quantity)
        public int Quantity { get; set; }
    }

    // help: Language Reference > Add On > Account (account_class.htm)
    public class Account
    {
        // help: ... > Account > All (all.htm; read under lock (Account.All), as its samples do)
        public static readonly List<Account> All = new List<Account>();

        // help: ... > Account > AccountStatusUpdate (accountstatusupdate.htm; static, every account)
        public static event EventHandler<AccountStatusEventArgs> AccountStatusUpdate;

        // help: ... > Account > Name (name_account.htm)
        public string Name { get; set; }
        // help: simulationaccountreset.htm (Account.Provider)
        public Provider Provider { get; set; }
        // help: ... > Account > Denomination (denomination.htm)
        public Currency Denomination { get; set; }
        // help: ... > Account > Orders (orders_account.htm; lock it while reading)
        public readonly List<Order> Orders = new List<Order>();
        // help: ... > Account > Positions (positions_account.htm; lock it while reading)
        public readonly List<Position> Positions = new List<Position>();

        // help: ... > Account > ExecutionUpdate (executionupdate.htm)
        public event EventHandler<ExecutionEventArgs> ExecutionUpdate;
        // help: ... > Account > AccountItemUpdate (accountitemupdate.htm)
        public event EventHandler<AccountItemEventArgs> AccountItemUpdate;
        // help: ... > Account > OrderUpdate (orderupdate.htm)
        public event EventHandler<OrderEventArgs> OrderUpdate;

        // help: ... > Account > Get() (get.htm)
        public double Get(AccountItem item, Currency currency)
        {
            double value;
            lock (StubValues) return StubValues.TryGetValue(item, out value) ? value : 0;
        }

        // help: ... > Account > Cancel() (cancel.htm)
        public void Cancel(IEnumerable<Order> orders)
        {
            lock (StubCancelled) StubCancelled.AddRange(orders);
        }

        // help: ... > Account > Flatten() (flatten.htm: cancels the instruments' orders and closes their positions)
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
