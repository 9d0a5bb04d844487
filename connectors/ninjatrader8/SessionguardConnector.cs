// Sessionguard connector for NinjaTrader 8: reports every execution and each account's P&L to
// Sessionguard's local feed (v2), and, only for accounts the trader opted in, enforces the lock
// Sessionguard announces after a loss-limit stop: flattens positions, cancels working orders and
// refuses new orders that would open or add to a position until the lock ends.
//
// Install: copy this one file to Documents\NinjaTrader 8\bin\Custom\AddOns\ and compile it in
// the NinjaScript Editor (F5). Settings live in SessionguardConnector.settings.txt beside it
// (created with explanations on first start). See Sessionguard's README, "NinjaTrader 8".
//
// Written for NinjaTrader's compiler: C# 5 syntax only (no ?. , no $"", no nameof), no NuGet
// packages, no JSON library. Nothing here touches the network on NinjaTrader's threads: event
// handlers only queue work; one background thread owns HTTP and the outbox file.

#region Using declarations
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using NinjaTrader.Cbi;
#endregion

namespace NinjaTrader.NinjaScript.AddOns
{
    public class SessionguardConnector : AddOnBase
    {
        private const string Source = "ninjatrader8";
        private const string ConnectorVersion = "1.0.0";
        private const string FileStem = "SessionguardConnector";

        private readonly object gate = new object();
        private readonly HashSet<Account> subscribed = new HashSet<Account>();
        private readonly Dictionary<string, AccountValues> values = new Dictionary<string, AccountValues>();
        /// <summary>Orders already refused; compared as objects, as NinjaTrader advises (an OrderId can change).</summary>
        private readonly HashSet<Order> refusedOrders = new HashSet<Order>();
        private readonly Dictionary<string, string> enforcedFor = new Dictionary<string, string>();
        private readonly List<string> pendingActions = new List<string>();

        private ConnectorSettings settings;
        private Outbox outbox;
        private BlockingCollection<string> queue;
        private Thread worker;
        private volatile bool stopping;
        private volatile LockState currentLock = LockState.None;
        private const int DeliveryBatch = 50;
        private bool oneAtATime;

        protected override void OnStateChange()
        {
            if (State == State.SetDefaults)
            {
                Name = "Sessionguard connector";
                Description = "Sends executions and account P&L to Sessionguard on this computer and, where you opted in, enforces its loss-limit lock.";
            }
            else if (State == State.Active)
            {
                Start();
            }
            else if (State == State.Terminated)
            {
                Stop();
            }
        }

        private void Start()
        {
            try
            {
                string folder = Path.Combine(Path.Combine(Path.Combine(NinjaTrader.Core.Globals.UserDataDir, "bin"), "Custom"), "AddOns");
                settings = ConnectorSettings.Load(Path.Combine(folder, FileStem + ".settings.txt"));
                if (settings.Token.Length == 0)
                {
                    Print("Sessionguard: no token yet. Copy it from Sessionguard (Settings > Live feed) into " + settings.Path + ", then restart NinjaTrader.");
                    return;
                }
                outbox = new Outbox(Path.Combine(folder, FileStem + ".outbox.txt"), Path.Combine(folder, FileStem + ".refused.txt"));
                queue = new BlockingCollection<string>();
                stopping = false;
                worker = new Thread(Run);
                worker.IsBackground = true;
                worker.Name = "Sessionguard connector";
                worker.Start();

                Account.AccountStatusUpdate += OnAccountStatusUpdate;
                lock (Account.All)
                    foreach (Account account in Account.All)
                        Subscribe(account);
                Print("Sessionguard: reporting to 127.0.0.1:" + settings.Port + " for " + settings.Describe() + ". " + settings.DescribeEnforcement());
            }
            catch (Exception error)
            {
                // An add-on must never take NinjaTrader down with it.
                Print("Sessionguard: could not start: " + error.Message);
            }
        }

        private void Stop()
        {
            Account.AccountStatusUpdate -= OnAccountStatusUpdate;
            lock (gate)
            {
                foreach (Account account in subscribed)
                {
                    account.ExecutionUpdate -= OnExecutionUpdate;
                    account.AccountItemUpdate -= OnAccountItemUpdate;
                    account.OrderUpdate -= OnOrderUpdate;
                }
                subscribed.Clear();
            }
            if (worker == null) return;
            stopping = true;
            queue.CompleteAdding();
            // The worker writes what is still queued to the outbox before it ends.
            worker.Join(3000);
            worker = null;
        }

        private void Subscribe(Account account)
        {
            if (!settings.Watches(account.Name)) return;
            // Read from NinjaTrader before taking our own lock, never while holding it.
            AccountValues v = new AccountValues();
            v.Realized = account.Get(AccountItem.RealizedProfitLoss, account.Denomination);
            v.Unrealized = account.Get(AccountItem.UnrealizedProfitLoss, account.Denomination);
            v.Equity = account.Get(AccountItem.NetLiquidation, account.Denomination);
            v.Account = account;
            lock (gate)
            {
                if (!subscribed.Add(account)) return;
                values[account.Name] = v;
            }
            account.ExecutionUpdate += OnExecutionUpdate;
            account.AccountItemUpdate += OnAccountItemUpdate;
            account.OrderUpdate += OnOrderUpdate;
        }

        private void OnAccountStatusUpdate(object sender, AccountStatusEventArgs e)
        {
            try
            {
                if (e.Account != null) Subscribe(e.Account);
            }
            catch (Exception error)
            {
                Print("Sessionguard: " + error.Message);
            }
        }

        // NinjaTrader's thread: describe the execution and queue it; the worker sends it.
        private void OnExecutionUpdate(object sender, ExecutionEventArgs e)
        {
            try
            {
                queue.Add(ExecutionJson(e));
            }
            catch (InvalidOperationException)
            {
                // Terminating: the queue no longer takes work.
            }
            catch (Exception error)
            {
                Print("Sessionguard: execution not reported: " + error.Message);
            }
        }

        private void OnAccountItemUpdate(object sender, AccountItemEventArgs e)
        {
            lock (gate)
            {
                AccountValues v;
                if (e.Account == null || !values.TryGetValue(e.Account.Name, out v)) return;
                if (e.AccountItem == AccountItem.RealizedProfitLoss) v.Realized = e.Value;
                else if (e.AccountItem == AccountItem.UnrealizedProfitLoss) v.Unrealized = e.Value;
                else if (e.AccountItem == AccountItem.NetLiquidation) v.Equity = e.Value;
            }
        }

        // While the lock lasts, an enforced account may still reduce or close a position (the
        // flatten itself, a stop), but every order that would open or add to one is cancelled.
        private void OnOrderUpdate(object sender, OrderEventArgs e)
        {
            try
            {
                Order order = e.Order;
                Account account = order == null ? null : order.Account;
                if (account == null || order.Instrument == null || !settings.Enforces(account.Name) || !currentLock.ActiveAt(DateTime.UtcNow)) return;
                if (order.OrderState != OrderState.Submitted && order.OrderState != OrderState.Accepted && order.OrderState != OrderState.Working && order.OrderState != OrderState.TriggerPending) return;
                if (!WouldOpenOrAdd(account, order)) return;
                lock (gate)
                    if (!refusedOrders.Add(order)) return;
                account.Cancel(new[] { order });
                Report(account.Name, "refuse_order", order.OrderAction + " " + order.Quantity + " " + order.Instrument.FullName + " refused: trading is locked until " + currentLock.UntilText + ".");
            }
            catch (Exception error)
            {
                Print("Sessionguard: " + error.Message);
            }
        }

        private static bool WouldOpenOrAdd(Account account, Order order)
        {
            int held = 0;
            lock (account.Positions)
                foreach (Position p in account.Positions)
                    if (p.Instrument.FullName == order.Instrument.FullName)
                        held = p.MarketPosition == MarketPosition.Long ? p.Quantity : p.MarketPosition == MarketPosition.Short ? -p.Quantity : 0;
            bool buy = order.OrderAction == OrderAction.Buy || order.OrderAction == OrderAction.BuyToCover;
            if (held > 0) return buy || order.Quantity > held;
            if (held < 0) return !buy || order.Quantity > -held;
            return true;
        }

        private string ExecutionJson(ExecutionEventArgs e)
        {
            Execution x = e.Execution;
            Account account = x.Account;
            MasterInstrument master = x.Instrument.MasterInstrument;
            TimeZoneInfo zone = NinjaTrader.Core.Globals.GeneralOptions.TimeZoneInfo;
            decimal tick = (decimal)master.TickSize;
            string evt = e.Operation == Operation.Add ? "new" : e.Operation == Operation.Update ? "amend" : "remove";
            int after = PositionAfter(account, x.Instrument);

            JsonWriter w = new JsonWriter();
            w.Open();
            w.Field("executionId", x.ExecutionId);
            w.Field("orderId", string.IsNullOrEmpty(x.OrderId) ? x.ExecutionId : x.OrderId);
            w.Key("account"); AccountJson(w, account); 
            w.Key("instrument"); w.Open();
            w.Field("symbol", x.Instrument.FullName);
            w.Field("root", master.Name);
            w.Number("pointValue", (decimal)master.PointValue);
            w.Number("tickSize", tick);
            w.Close();
            w.Field("side", x.MarketPosition == MarketPosition.Long ? "buy" : "sell");
            w.Number("quantity", x.Quantity);
            // Prices arrive as doubles (21000.250000000004); on the tick grid they are exact.
            w.Number("price", tick > 0 ? Math.Round((decimal)x.Price / tick) * tick : (decimal)x.Price);
            w.Key("time"); w.Open();
            w.Field("utc", Json.Instant(ToUtc(x.Time, zone)));
            w.Field("platform", x.Time.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
            w.Field("zone", zone == null ? "local" : zone.Id);
            w.Close();
            w.Number("commission", Math.Round((decimal)Math.Abs(x.Commission), 6));
            w.Number("fees", 0m);
            w.Number("positionAfter", after);
            w.Field("event", evt);
            w.Close();
            return w.ToString();
        }

        private static int PositionAfter(Account account, Instrument instrument)
        {
            lock (account.Positions)
                foreach (Position p in account.Positions)
                    if (p.Instrument.FullName == instrument.FullName)
                        return p.MarketPosition == MarketPosition.Long ? p.Quantity : p.MarketPosition == MarketPosition.Short ? -p.Quantity : 0;
            return 0;
        }

        private void AccountJson(JsonWriter w, Account account)
        {
            w.Open();
            w.Field("id", account.Name);
            w.Field("kind", account.Provider == Provider.Simulator || account.Provider == Provider.Playback ? "sim" : "live");
            w.Field("currency", Json.CurrencyCode(account.Denomination.ToString()));
            w.Close();
        }

        /// <summary>NinjaTrader reports times in the zone of Options > General; Sessionguard stores UTC.</summary>
        public static DateTime ToUtc(DateTime time, TimeZoneInfo zone)
        {
            if (time.Kind == DateTimeKind.Utc) return time;
            if (time.Kind == DateTimeKind.Local || zone == null) return time.ToUniversalTime();
            DateTime unspecified = DateTime.SpecifyKind(time, DateTimeKind.Unspecified);
            // A time the clocks skipped (spring forward) can't be an execution's; read it an hour on.
            if (zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
            return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
        }

        private void Report(string account, string kind, string detail)
        {
            JsonWriter w = new JsonWriter();
            w.Open();
            w.Field("id", Guid.NewGuid().ToString("N"));
            w.Field("account", account);
            w.Field("kind", kind);
            w.Field("at", Json.Instant(DateTime.UtcNow));
            w.Field("detail", detail.Length > 300 ? detail.Substring(0, 300) : detail);
            w.Close();
            lock (gate) pendingActions.Add(w.ToString());
            Print("Sessionguard: " + account + ": " + detail);
        }

        // ---- the worker thread: outbox, HTTP, heartbeats, enforcement ----

        private void Run()
        {
            DateTime nextHeartbeat = DateTime.MinValue;
            DateTime nextAttempt = DateTime.MinValue;
            bool unreachable = false;
            bool lastBeatOk = true;
            while (true)
            {
                string item;
                bool taken;
                try
                {
                    taken = queue.TryTake(out item, 200);
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                if (taken) outbox.Append(item);
                if (stopping)
                {
                    // Whatever NinjaTrader reported before closing waits in the outbox for next time.
                    while (queue.TryTake(out item)) outbox.Append(item);
                    break;
                }
                if (queue.Count > 0) continue;
                DateTime now = DateTime.UtcNow;
                try
                {
                    if (outbox.Count > 0 && now >= nextAttempt)
                    {
                        string problem = Deliver();
                        bool delivered = problem == null;
                        if (!delivered)
                        {
                            nextAttempt = now.AddSeconds(2);
                            if (!unreachable) Print("Sessionguard did not take executions now (" + problem + "); " + outbox.Count + " kept in the outbox and sent when it does.");
                        }
                        else if (unreachable)
                        {
                            Print("Sessionguard is reachable again; the outbox was sent.");
                        }
                        unreachable = !delivered;
                    }
                    // Enforcement actions go out at once, unless the last heartbeat failed: then on the beat.
                    if (now >= nextHeartbeat || (lastBeatOk && HasPendingActions()))
                    {
                        nextHeartbeat = now.AddSeconds(settings.HeartbeatSeconds);
                        lastBeatOk = SendHeartbeat();
                    }
                }
                catch (Exception error)
                {
                    Print("Sessionguard: " + error.Message);
                    nextAttempt = now.AddSeconds(2);
                }
            }
        }

        /// <summary>Sends the outbox in order, up to 50 executions a request; null when all of it went, else why not.</summary>
        private string Deliver()
        {
            while (outbox.Count > 0)
            {
                List<string> batch = outbox.Peek(oneAtATime ? 1 : DeliveryBatch);
                Reply reply = Post("/v2/executions", "{\"source\":\"" + Source + "\",\"executions\":[" + string.Join(",", batch.ToArray()) + "]}");
                if (reply.Lock != null) ApplyLock(reply.Lock);
                if (reply.Status == 200)
                {
                    // Sessionguard answers each execution; one it will never apply (a correction it can't
                    // make) is set aside with why, so the rest is not held up and nothing vanishes unseen.
                    for (int i = 0; i < batch.Count; i++)
                        if (reply.StatusOf(i) == "refused") SetAside(batch[i], "refused: " + reply.ReasonOf(i));
                    outbox.RemoveFirst(batch.Count);
                    oneAtATime = false;
                    continue;
                }
                if (reply.Permanent)
                {
                    // The request was refused as a whole (wrong data): find the execution at fault by sending them singly.
                    if (batch.Count > 1)
                    {
                        oneAtATime = true;
                        continue;
                    }
                    SetAside(batch[0], reply.Status + " " + reply.ErrorText);
                    outbox.RemoveFirst(1);
                    oneAtATime = false;
                    continue;
                }
                return reply.Status == 0 ? "not reachable: " + reply.ErrorText : reply.Status + " " + reply.ErrorText;
            }
            return null;
        }

        private void SetAside(string execution, string why)
        {
            outbox.Refuse(execution, why);
            Print("Sessionguard did not apply an execution (" + why + "). It is kept in " + outbox.RefusedPath + ".");
        }

        private bool HasPendingActions()
        {
            lock (gate) return pendingActions.Count > 0;
        }

        private bool SendHeartbeat()
        {
            List<string> actions;
            JsonWriter w = new JsonWriter();
            w.Open();
            w.Field("source", Source);
            w.Field("version", ConnectorVersion);
            w.Field("platform", "NinjaTrader 8");
            w.Field("sentAt", Json.Instant(DateTime.UtcNow));
            w.Key("accounts"); w.OpenList();
            lock (gate)
            {
                foreach (KeyValuePair<string, AccountValues> pair in values)
                {
                    AccountValues v = pair.Value;
                    w.Item(); w.Open();
                    w.Field("id", pair.Key);
                    w.Field("kind", v.Account.Provider == Provider.Simulator || v.Account.Provider == Provider.Playback ? "sim" : "live");
                    w.Field("currency", Json.CurrencyCode(v.Account.Denomination.ToString()));
                    w.Money("realized", v.Realized);
                    w.Money("unrealized", v.Unrealized);
                    w.Money("equity", v.Equity);
                    w.Bool("enforcement", settings.Enforces(pair.Key));
                    w.Close();
                }
                actions = new List<string>(pendingActions);
            }
            w.CloseList();
            w.Key("actions"); w.OpenList();
            foreach (string action in actions) { w.Item(); w.Raw(action); }
            w.CloseList();
            w.Close();
            Reply reply = Post("/v2/heartbeat", w.ToString());
            if (reply.Lock != null) ApplyLock(reply.Lock);
            if (reply.Status != 200) return false;
            lock (gate) pendingActions.RemoveRange(0, Math.Min(actions.Count, pendingActions.Count));
            return true;
        }

        private void ApplyLock(Dictionary<string, object> json)
        {
            LockState next = LockState.From(json);
            LockState previous = currentLock;
            currentLock = next;
            if (next.Active && !previous.Active) Print("Sessionguard: trading is locked until " + next.UntilText + " (" + next.Reason + "). " + settings.DescribeEnforcement());
            if (!next.ActiveAt(DateTime.UtcNow)) return;
            List<Account> accounts = new List<Account>();
            lock (gate)
                foreach (Account account in subscribed)
                {
                    string done;
                    if (!settings.Enforces(account.Name) || (enforcedFor.TryGetValue(account.Name, out done) && done == next.Key)) continue;
                    enforcedFor[account.Name] = next.Key;
                    accounts.Add(account);
                }
            foreach (Account account in accounts) Enforce(account);
        }

        private void Enforce(Account account)
        {
            List<Order> working = new List<Order>();
            lock (account.Orders)
                foreach (Order order in account.Orders)
                    if (order.OrderState == OrderState.Submitted || order.OrderState == OrderState.Accepted || order.OrderState == OrderState.Working || order.OrderState == OrderState.TriggerPending || order.OrderState == OrderState.ChangePending || order.OrderState == OrderState.ChangeSubmitted || order.OrderState == OrderState.PartFilled)
                        working.Add(order);
            if (working.Count > 0)
            {
                account.Cancel(working);
                Report(account.Name, "cancel_orders", working.Count + " working order(s) cancelled: the loss limit locked trading until " + currentLock.UntilText + ".");
            }
            List<Instrument> open = new List<Instrument>();
            StringBuilder held = new StringBuilder();
            lock (account.Positions)
                foreach (Position p in account.Positions)
                    if (p.MarketPosition != MarketPosition.Flat && p.Quantity != 0)
                    {
                        open.Add(p.Instrument);
                        held.Append(held.Length == 0 ? "" : ", ").Append(p.Instrument.FullName).Append(' ').Append(p.MarketPosition == MarketPosition.Long ? "long " : "short ").Append(p.Quantity);
                    }
            if (open.Count > 0)
            {
                account.Flatten(open);
                Report(account.Name, "flatten", "Flattened " + held + ": the loss limit locked trading until " + currentLock.UntilText + ".");
            }
        }

        private Reply Post(string path, string body)
        {
            Reply reply = new Reply();
            try
            {
                HttpWebRequest request = (HttpWebRequest)WebRequest.Create("http://127.0.0.1:" + settings.Port.ToString(CultureInfo.InvariantCulture) + path);
                request.Method = "POST";
                request.ContentType = "application/json";
                request.Headers[HttpRequestHeader.Authorization] = "Bearer " + settings.Token;
                request.Timeout = 5000;
                request.ReadWriteTimeout = 5000;
                request.KeepAlive = false;
                request.Proxy = null;
                request.ServicePoint.Expect100Continue = false;
                byte[] bytes = Encoding.UTF8.GetBytes(body);
                request.ContentLength = bytes.Length;
                using (Stream stream = request.GetRequestStream()) stream.Write(bytes, 0, bytes.Length);
                using (HttpWebResponse response = (HttpWebResponse)request.GetResponse()) reply.Read(response);
            }
            catch (WebException error)
            {
                HttpWebResponse response = error.Response as HttpWebResponse;
                if (response != null) using (response) reply.Read(response);
                else reply.ErrorText = error.Status.ToString();
            }
            catch (IOException error)
            {
                reply.ErrorText = error.Message;
            }
            return reply;
        }

        private class AccountValues
        {
            public Account Account;
            public double Realized;
            public double Unrealized;
            public double Equity;
        }

        private class Reply
        {
            public int Status;
            public string ErrorText = "";
            public Dictionary<string, object> Lock;
            /// <summary>What Sessionguard did with each execution sent: recorded, duplicate, amended, removed, unchanged, unknown or refused (with a reason).</summary>
            private readonly List<Dictionary<string, object>> items = new List<Dictionary<string, object>>();

            public string StatusOf(int index) { return Field(index, "status"); }
            public string ReasonOf(int index) { return Field(index, "reason"); }

            private string Field(int index, string name)
            {
                object value;
                return index < items.Count && items[index] != null && items[index].TryGetValue(name, out value) && value is string ? (string)value : "";
            }

            /// <summary>Refused for good: the data is wrong. Not the token, not "not now" (no profile yet, the database busy).</summary>
            public bool Permanent
            {
                get { return Status == 400 || Status == 404 || Status == 413 || Status == 415; }
            }

            public void Read(HttpWebResponse response)
            {
                Status = (int)response.StatusCode;
                string text;
                using (StreamReader reader = new StreamReader(response.GetResponseStream(), Encoding.UTF8)) text = reader.ReadToEnd();
                Dictionary<string, object> json = Json.Parse(text) as Dictionary<string, object>;
                if (json == null) return;
                object value;
                if (json.TryGetValue("lock", out value)) Lock = value as Dictionary<string, object>;
                List<object> answered = json.TryGetValue("executions", out value) ? value as List<object> : null;
                if (answered != null)
                    foreach (object item in answered) items.Add(item as Dictionary<string, object>);
                if (json.TryGetValue("error", out value) && value is Dictionary<string, object>)
                {
                    object message;
                    if (((Dictionary<string, object>)value).TryGetValue("message", out message) && message is string) ErrorText = (string)message;
                }
            }
        }
    }

    /// <summary>The lock as Sessionguard last announced it; kept while Sessionguard is unreachable, until it ends.</summary>
    public class LockState
    {
        public static readonly LockState None = new LockState();
        public bool Active;
        public DateTime UntilUtc;
        public string Reason = "";
        public string Key = "";

        public string UntilText
        {
            get { return UntilUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC"; }
        }

        public bool ActiveAt(DateTime utcNow)
        {
            return Active && utcNow < UntilUtc;
        }

        public static LockState From(Dictionary<string, object> json)
        {
            LockState state = new LockState();
            object active, until, reason, session;
            state.Active = json.TryGetValue("active", out active) && active is bool && (bool)active;
            if (json.TryGetValue("until", out until) && until is string)
                state.UntilUtc = DateTime.Parse((string)until, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (json.TryGetValue("reason", out reason) && reason is string) state.Reason = (string)reason;
            state.Key = (json.TryGetValue("sessionId", out session) && session != null ? Convert.ToString(session, CultureInfo.InvariantCulture) : "") + "@" + (until as string ?? "");
            if (state.Active && state.UntilUtc == DateTime.MinValue) state.Active = false;
            return state;
        }
    }

    /// <summary>
    /// SessionguardConnector.settings.txt: one "key = value" a line, # for comments. The token is
    /// read from here and never printed.
    /// </summary>
    public class ConnectorSettings
    {
        public string Path;
        public int Port = 47814;
        public string Token = "";
        public int HeartbeatSeconds = 1;
        private readonly List<string> accounts = new List<string>();
        private readonly List<string> enforce = new List<string>();

        private const string Template =
            "# Sessionguard connector settings. Edit, save, then restart NinjaTrader (or recompile the add-on).\r\n" +
            "#\r\n" +
            "# port: the live-feed port shown in Sessionguard, Settings > Live feed (47814 unless you changed it).\r\n" +
            "port = 47814\r\n" +
            "# token: the bearer token shown there. Keep it private; it is never written to the log.\r\n" +
            "token =\r\n" +
            "# accounts: the NinjaTrader accounts to report, comma-separated, or * for all of them.\r\n" +
            "accounts = *\r\n" +
            "# enforce: accounts where Sessionguard's lock acts in NinjaTrader (off unless listed here).\r\n" +
            "# While a loss-limit lock lasts, the add-on flattens the account's positions, cancels its\r\n" +
            "# working orders and cancels any new order that would open or add to a position.\r\n" +
            "# Exits stay possible. Leave empty to only report.\r\n" +
            "enforce =\r\n" +
            "# heartbeatSeconds: how often account P&L is sent (1 or 2).\r\n" +
            "heartbeatSeconds = 1\r\n";

        public static ConnectorSettings Load(string path)
        {
            ConnectorSettings s = new ConnectorSettings();
            s.Path = path;
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path));
                File.WriteAllText(path, Template, new UTF8Encoding(false));
            }
            foreach (string raw in File.ReadAllLines(path))
            {
                string line = raw.Trim();
                int equals = line.IndexOf('=');
                if (line.Length == 0 || line[0] == '#' || equals < 0) continue;
                string key = line.Substring(0, equals).Trim().ToLowerInvariant();
                string value = line.Substring(equals + 1).Trim();
                int number;
                if (key == "port" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0 && number < 65536) s.Port = number;
                else if (key == "token") s.Token = value;
                else if (key == "accounts") s.accounts.AddRange(List(value));
                else if (key == "enforce") s.enforce.AddRange(List(value));
                else if (key == "heartbeatseconds" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number)) s.HeartbeatSeconds = Math.Max(1, Math.Min(2, number));
            }
            return s;
        }

        private static IEnumerable<string> List(string value)
        {
            foreach (string part in value.Split(','))
                if (part.Trim().Length > 0) yield return part.Trim();
        }

        public bool Watches(string account)
        {
            return accounts.Count == 0 || accounts.Contains("*") || Contains(accounts, account) || Enforces(account);
        }

        public bool Enforces(string account)
        {
            return Contains(enforce, account);
        }

        private static bool Contains(List<string> list, string name)
        {
            foreach (string item in list)
                if (string.Equals(item, name, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }

        public string Describe()
        {
            return accounts.Count == 0 || accounts.Contains("*") ? "every account" : "accounts " + string.Join(", ", accounts.ToArray());
        }

        public string DescribeEnforcement()
        {
            return enforce.Count == 0 ? "Enforcement is off for every account." : "Enforcement is on for " + string.Join(", ", enforce.ToArray()) + ".";
        }
    }

    /// <summary>
    /// Executions waiting for Sessionguard, one JSON object a line, oldest first; written before
    /// anything is sent, so a crash or a closed Sessionguard loses nothing. Sessionguard ignores
    /// an execution it already has, so sending one twice is harmless.
    /// </summary>
    public class Outbox
    {
        private readonly string path;
        public readonly string RefusedPath;
        private readonly List<string> lines = new List<string>();

        public Outbox(string path, string refusedPath)
        {
            this.path = path;
            RefusedPath = refusedPath;
            if (File.Exists(path))
                foreach (string line in File.ReadAllLines(path))
                    if (line.Trim().Length > 0) lines.Add(line.Trim());
        }

        public int Count { get { return lines.Count; } }

        public List<string> Peek(int count) { return lines.GetRange(0, Math.Min(count, lines.Count)); }

        public void Append(string line)
        {
            lines.Add(line);
            File.AppendAllText(path, line + "\n", new UTF8Encoding(false));
        }

        /// <summary>Drops what Sessionguard answered for, rewriting the file once.</summary>
        public void RemoveFirst(int count)
        {
            lines.RemoveRange(0, Math.Min(count, lines.Count));
            Rewrite();
        }

        /// <summary>Keeps an execution Sessionguard won't apply, with why, in the refused file.</summary>
        public void Refuse(string line, string reason)
        {
            File.AppendAllText(RefusedPath, DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture) + "\t" + reason.Replace('\n', ' ') + "\t" + line + "\n", new UTF8Encoding(false));
        }

        private void Rewrite()
        {
            string temp = path + ".tmp";
            StringBuilder text = new StringBuilder();
            foreach (string line in lines) text.Append(line).Append('\n');
            File.WriteAllText(temp, text.ToString(), new UTF8Encoding(false));
            // Replaced in one step: deleting first left a moment with no outbox file, in which a
            // crash lost what was still to send (a restart reads only this file).
            if (File.Exists(path)) File.Replace(temp, path, null);
            else File.Move(temp, path);
        }
    }

    /// <summary>Hand-written JSON, invariant culture whatever the Windows region says: "21000.25", never "21000,25".</summary>
    public class JsonWriter
    {
        private readonly StringBuilder text = new StringBuilder();
        private bool first = true;

        public void Open() { text.Append('{'); first = true; }
        public void Close() { text.Append('}'); first = false; }
        public void OpenList() { text.Append('['); first = true; }
        public void CloseList() { text.Append(']'); first = false; }
        public void Item() { if (!first) text.Append(','); first = false; }
        public void Raw(string json) { text.Append(json); first = false; }

        public void Key(string name)
        {
            if (!first) text.Append(',');
            text.Append(Json.Quote(name)).Append(':');
            first = true;
        }

        public void Field(string name, string value) { Key(name); text.Append(value == null ? "null" : Json.Quote(value)); first = false; }
        public void Number(string name, decimal value) { Key(name); text.Append(Json.Quote(Json.Decimal(value))); first = false; }
        public void Bool(string name, bool value) { Key(name); text.Append(value ? "true" : "false"); first = false; }

        /// <summary>An amount in cents, or null when NinjaTrader has none (NaN, or its "no value" extremes).</summary>
        public void Money(string name, double value)
        {
            Key(name);
            if (double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 1e12) text.Append("null");
            else text.Append(Json.Quote(Json.Decimal(Math.Round((decimal)value, 2, MidpointRounding.AwayFromZero))));
            first = false;
        }

        public override string ToString() { return text.ToString(); }
    }

    public static class Json
    {
        public static string Quote(string value)
        {
            StringBuilder s = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c == '"') s.Append("\\\"");
                else if (c == '\\') s.Append("\\\\");
                else if (c < ' ' || c == '\u2028' || c == '\u2029') s.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else s.Append(c);
            }
            return s.Append('"').ToString();
        }

        /// <summary>Plain digits with a dot and no trailing zeros: 2, 0.25, -42.5.</summary>
        public static string Decimal(decimal value)
        {
            string t = value.ToString("0.##########", CultureInfo.InvariantCulture);
            return t == "-0" ? "0" : t;
        }

        public static string Instant(DateTime utc)
        {
            return utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>NinjaTrader's Currency names to ISO 4217.</summary>
        public static string CurrencyCode(string name)
        {
            switch (name)
            {
                case "UsDollar": return "USD";
                case "Euro": return "EUR";
                case "BritishPound": return "GBP";
                case "CanadianDollar": return "CAD";
                case "AustralianDollar": return "AUD";
                case "JapaneseYen": return "JPY";
                case "SwissFranc": return "CHF";
                case "NewZealandDollar": return "NZD";
                case "HongKongDollar": return "HKD";
                default: return name.Length == 3 ? name.ToUpperInvariant() : "XXX";
            }
        }

        /// <summary>Reads a reply: objects as dictionaries, arrays as lists, numbers as decimals; null on anything malformed.</summary>
        public static object Parse(string text)
        {
            try
            {
                int at = 0;
                object value = Value(text, ref at);
                Space(text, ref at);
                return at == text.Length ? value : null;
            }
            catch (FormatException)
            {
                return null;
            }
            catch (IndexOutOfRangeException)
            {
                return null;
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        private static void Space(string s, ref int at)
        {
            while (at < s.Length && (s[at] == ' ' || s[at] == '\t' || s[at] == '\r' || s[at] == '\n')) at++;
        }

        private static object Value(string s, ref int at)
        {
            Space(s, ref at);
            char c = s[at];
            if (c == '{')
            {
                Dictionary<string, object> obj = new Dictionary<string, object>();
                at++;
                Space(s, ref at);
                if (s[at] == '}') { at++; return obj; }
                while (true)
                {
                    Space(s, ref at);
                    string key = String(s, ref at);
                    Space(s, ref at);
                    if (s[at++] != ':') throw new FormatException();
                    obj[key] = Value(s, ref at);
                    Space(s, ref at);
                    char next = s[at++];
                    if (next == '}') return obj;
                    if (next != ',') throw new FormatException();
                }
            }
            if (c == '[')
            {
                List<object> list = new List<object>();
                at++;
                Space(s, ref at);
                if (s[at] == ']') { at++; return list; }
                while (true)
                {
                    list.Add(Value(s, ref at));
                    Space(s, ref at);
                    char next = s[at++];
                    if (next == ']') return list;
                    if (next != ',') throw new FormatException();
                }
            }
            if (c == '"') return String(s, ref at);
            if (string.CompareOrdinal(s, at, "true", 0, 4) == 0) { at += 4; return true; }
            if (string.CompareOrdinal(s, at, "false", 0, 5) == 0) { at += 5; return false; }
            if (string.CompareOrdinal(s, at, "null", 0, 4) == 0) { at += 4; return null; }
            int start = at;
            while (at < s.Length && "+-0123456789.eE".IndexOf(s[at]) >= 0) at++;
            if (at == start) throw new FormatException();
            return decimal.Parse(s.Substring(start, at - start), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static string String(string s, ref int at)
        {
            if (s[at++] != '"') throw new FormatException();
            StringBuilder b = new StringBuilder();
            while (true)
            {
                char c = s[at++];
                if (c == '"') return b.ToString();
                if (c != '\\') { b.Append(c); continue; }
                char e = s[at++];
                switch (e)
                {
                    case 'n': b.Append('\n'); break;
                    case 't': b.Append('\t'); break;
                    case 'r': b.Append('\r'); break;
                    case 'b': b.Append('\b'); break;
                    case 'f': b.Append('\f'); break;
                    case 'u': b.Append((char)int.Parse(s.Substring(at, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)); at += 4; break;
                    default: b.Append(e); break;
                }
            }
        }
    }
}
