//+------------------------------------------------------------------+
//| ForexAIConnector.mq5                                              |
//| Bridges MetaTrader 5 to the Forex AI connector running on the     |
//| same machine. MQL5 sockets are client-only: the connector listens |
//| on 127.0.0.1 and this EA connects to it. Allow 127.0.0.1 under    |
//| Tools > Options > Expert Advisors > "Allow WebRequest for listed  |
//| URL" (the same list governs SocketConnect) and enable Algo        |
//| Trading.                                                          |
//|                                                                   |
//| Protocol (JSON lines, one flat object per line, see               |
//| connector/src/broker/mt5/ea-protocol.ts):                         |
//|   EA -> connector: hello, quote, pong, reply {id, ok, ...}, deal  |
//|   (a fill by stop loss, take profit or stop-out)                  |
//|   connector -> EA: {id, type, ...} with type one of account,      |
//|   positions, orders, place, find, close, modify, cancel, ping.    |
//| Our idempotency key travels as the order comment, so "find" can   |
//| tell after a timeout whether an order reached the trade server.   |
//+------------------------------------------------------------------+
#property copyright "Forex AI contributors (MIT)"
#property version   "1.00"
#property strict

#include <Trade\Trade.mqh>

input string InpHost    = "127.0.0.1"; // connector host (keep 127.0.0.1)
input int    InpPort    = 5870;        // connector port (mt5.port in the connector config)
input string InpKey     = "";          // optional key (mt5.key in the connector config)
input string InpSymbols = "EURUSD";    // comma-separated symbols to stream quotes for
input ulong  InpMagic   = 870870;      // magic number on every order this EA places
input int    InpSlippage = 10;         // maximum deviation in points for market orders

#define PROTOCOL_VERSION 1

int     g_socket = INVALID_HANDLE;
string  g_buffer = "";
string  g_symbols[];
datetime g_lastTry = 0;
CTrade  g_trade;

//--- JSON helpers: the protocol uses flat objects, so a key lookup is enough.
string JsonEscape(string s)
  {
   StringReplace(s, "\\", "\\\\");
   StringReplace(s, "\"", "\\\"");
   StringReplace(s, "\n", " ");
   StringReplace(s, "\r", " ");
   return s;
  }

string JsonRaw(const string json, const string key)
  {
   string pattern = "\"" + key + "\":";
   int at = StringFind(json, pattern);
   if(at < 0) return "";
   int start = at + StringLen(pattern);
   while(start < StringLen(json) && StringGetCharacter(json, start) == ' ') start++;
   if(StringGetCharacter(json, start) == '"')
     {
      int end = start + 1;
      while(end < StringLen(json))
        {
         ushort c = StringGetCharacter(json, end);
         if(c == '\\') { end += 2; continue; }
         if(c == '"') break;
         end++;
        }
      return StringSubstr(json, start + 1, end - start - 1);
     }
   int end = start;
   while(end < StringLen(json))
     {
      ushort c = StringGetCharacter(json, end);
      if(c == ',' || c == '}') break;
      end++;
     }
   return StringSubstr(json, start, end - start);
  }

string JsonString(const string json, const string key) { return JsonRaw(json, key); }
double JsonNumber(const string json, const string key) { return StringToDouble(JsonRaw(json, key)); }
long   JsonInteger(const string json, const string key) { return StringToInteger(JsonRaw(json, key)); }

string Num(double value, int digits = 8) { return DoubleToString(value, digits); }
long   NowMs() { return (long)TimeGMT() * 1000; }

//--- Socket
bool SendLine(const string line)
  {
   if(g_socket == INVALID_HANDLE) return false;
   uchar data[];
   int len = StringToCharArray(line + "\n", data, 0, WHOLE_ARRAY, CP_UTF8) - 1;
   if(SocketSend(g_socket, data, len) != len)
     {
      Print("Forex AI: send failed, error ", GetLastError());
      Disconnect();
      return false;
     }
   return true;
  }

void Disconnect()
  {
   if(g_socket != INVALID_HANDLE) SocketClose(g_socket);
   g_socket = INVALID_HANDLE;
   g_buffer = "";
  }

void TryConnect()
  {
   if(g_socket != INVALID_HANDLE || TimeLocal() - g_lastTry < 2) return;
   g_lastTry = TimeLocal();
   g_socket = SocketCreate();
   if(g_socket == INVALID_HANDLE) return;
   if(!SocketConnect(g_socket, InpHost, InpPort, 1000))
     {
      int err = GetLastError();
      if(err == 4014) Print("Forex AI: add 127.0.0.1 to Tools > Options > Expert Advisors (allowed URLs)");
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      return;
     }
   string hello = "{\"type\":\"hello\",\"protocol\":" + IntegerToString(PROTOCOL_VERSION) +
                  ",\"ea\":\"ForexAIConnector 1.00\",\"login\":\"" + IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) +
                  "\",\"server\":\"" + JsonEscape(AccountInfoString(ACCOUNT_SERVER)) +
                  "\",\"currency\":\"" + AccountInfoString(ACCOUNT_CURRENCY) + "\"";
   if(InpKey != "") hello += ",\"key\":\"" + JsonEscape(InpKey) + "\"";
   SendLine(hello + "}");
   Print("Forex AI: connected to the connector on ", InpHost, ":", InpPort);
  }

void ReadLines()
  {
   if(g_socket == INVALID_HANDLE) return;
   if(!SocketIsConnected(g_socket)) { Disconnect(); return; }
   uint readable = SocketIsReadable(g_socket);
   while(readable > 0)
     {
      uchar data[];
      int got = SocketRead(g_socket, data, readable, 100);
      if(got <= 0) { Disconnect(); return; }
      g_buffer += CharArrayToString(data, 0, got, CP_UTF8);
      int nl = StringFind(g_buffer, "\n");
      while(nl >= 0)
        {
         string line = StringSubstr(g_buffer, 0, nl);
         g_buffer = StringSubstr(g_buffer, nl + 1);
         if(StringLen(line) > 0) Handle(line);
         if(g_socket == INVALID_HANDLE) return;
         nl = StringFind(g_buffer, "\n");
        }
      readable = SocketIsReadable(g_socket);
     }
  }

//--- Replies
void ReplyError(long id, const string message)
  {
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":false,\"error\":\"" + JsonEscape(message) + "\"}");
  }

string OrderFields(ulong ticket, const string state, const string symbol, const string side, double units,
                   double price, ulong position, long retcode)
  {
   string s = ",\"ticket\":" + IntegerToString((long)ticket) + ",\"state\":\"" + state + "\",\"symbol\":\"" + symbol +
              "\",\"side\":\"" + side + "\",\"units\":" + Num(units, 2) + ",\"time\":" + IntegerToString(NowMs());
   if(price > 0) s += ",\"price\":" + Num(price);
   if(position > 0) s += ",\"position\":" + IntegerToString((long)position);
   if(retcode != 0) s += ",\"retcode\":" + IntegerToString(retcode);
   return s;
  }

void ReplyOrder(long id, const string fields)
  {
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":true" + fields + "}");
  }

//--- Units <-> lots with the symbol's contract size and volume step.
double UnitsToLots(const string symbol, double units)
  {
   double size = SymbolInfoDouble(symbol, SYMBOL_TRADE_CONTRACT_SIZE);
   double step = SymbolInfoDouble(symbol, SYMBOL_VOLUME_STEP);
   if(size <= 0 || step <= 0) return 0;
   return MathRound(units / size / step) * step;
  }

double LotsToUnits(const string symbol, double lots)
  {
   return lots * SymbolInfoDouble(symbol, SYMBOL_TRADE_CONTRACT_SIZE);
  }

//--- Requests
void Handle(const string line)
  {
   long id = JsonInteger(line, "id");
   string type = JsonString(line, "type");
   if(type == "ping") { SendLine("{\"type\":\"pong\"}"); return; }
   if(type == "account") { DoAccount(id); return; }
   if(type == "positions") { DoPositions(id); return; }
   if(type == "orders") { DoOrders(id); return; }
   if(type == "place") { DoPlace(id, line); return; }
   if(type == "find") { DoFind(id, JsonString(line, "comment")); return; }
   if(type == "close") { DoClose(id, line); return; }
   if(type == "modify") { DoModify(id, line); return; }
   if(type == "cancel") { DoCancel(id, line); return; }
   ReplyError(id, "unknown request type " + type);
  }

void DoAccount(long id)
  {
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":true,\"currency\":\"" +
            AccountInfoString(ACCOUNT_CURRENCY) + "\",\"balance\":" + Num(AccountInfoDouble(ACCOUNT_BALANCE), 2) +
            ",\"equity\":" + Num(AccountInfoDouble(ACCOUNT_EQUITY), 2) + ",\"profit\":" +
            Num(AccountInfoDouble(ACCOUNT_PROFIT), 2) + ",\"margin\":" + Num(AccountInfoDouble(ACCOUNT_MARGIN), 2) +
            ",\"marginFree\":" + Num(AccountInfoDouble(ACCOUNT_MARGIN_FREE), 2) + "}");
  }

void DoPositions(long id)
  {
   string items = "";
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0) continue;
      string symbol = PositionGetString(POSITION_SYMBOL);
      string side = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_SELL ? "sell" : "buy";
      if(items != "") items += ",";
      items += "{\"ticket\":" + IntegerToString((long)ticket) + ",\"symbol\":\"" + symbol + "\",\"side\":\"" + side +
               "\",\"units\":" + Num(LotsToUnits(symbol, PositionGetDouble(POSITION_VOLUME)), 2) +
               ",\"price\":" + Num(PositionGetDouble(POSITION_PRICE_OPEN)) +
               ",\"time\":" + IntegerToString(PositionGetInteger(POSITION_TIME_MSC)) +
               ",\"sl\":" + Num(PositionGetDouble(POSITION_SL)) + ",\"tp\":" + Num(PositionGetDouble(POSITION_TP)) +
               ",\"profit\":" + Num(PositionGetDouble(POSITION_PROFIT), 2) + "}";
     }
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":true,\"positions\":[" + items + "]}");
  }

// Working entry orders (limit and stop).
void DoOrders(long id)
  {
   string items = "";
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0) continue;
      long otype = OrderGetInteger(ORDER_TYPE);
      string kind = "";
      if(otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_SELL_LIMIT) kind = "limit";
      if(otype == ORDER_TYPE_BUY_STOP || otype == ORDER_TYPE_SELL_STOP) kind = "stop";
      if(kind == "") continue;
      string symbol = OrderGetString(ORDER_SYMBOL);
      string side = (otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_BUY_STOP) ? "buy" : "sell";
      if(items != "") items += ",";
      items += "{\"ticket\":" + IntegerToString((long)ticket) + ",\"symbol\":\"" + symbol + "\",\"side\":\"" + side +
               "\",\"units\":" + Num(LotsToUnits(symbol, OrderGetDouble(ORDER_VOLUME_CURRENT)), 2) +
               ",\"type\":\"" + kind + "\",\"price\":" + Num(OrderGetDouble(ORDER_PRICE_OPEN)) +
               ",\"sl\":" + Num(OrderGetDouble(ORDER_SL)) + ",\"tp\":" + Num(OrderGetDouble(ORDER_TP)) +
               ",\"time\":" + IntegerToString(OrderGetInteger(ORDER_TIME_SETUP_MSC)) +
               ",\"comment\":\"" + JsonEscape(OrderGetString(ORDER_COMMENT)) + "\"}";
     }
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":true,\"orders\":[" + items + "]}");
  }

void DoPlace(long id, const string line)
  {
   string symbol = JsonString(line, "symbol");
   string side = JsonString(line, "side");
   string kind = JsonString(line, "orderType");
   string comment = JsonString(line, "comment");
   double units = JsonNumber(line, "units");
   double price = JsonNumber(line, "price");
   double sl = JsonNumber(line, "sl");
   double tp = JsonNumber(line, "tp");
   if(!SymbolSelect(symbol, true)) { ReplyError(id, "unknown symbol " + symbol); return; }
   double lots = UnitsToLots(symbol, units);
   if(lots < SymbolInfoDouble(symbol, SYMBOL_VOLUME_MIN)) { ReplyError(id, "size below the symbol's minimum volume"); return; }
   g_trade.SetExpertMagicNumber(InpMagic);
   g_trade.SetDeviationInPoints(InpSlippage);
   bool sent = false;
   bool buy = side == "buy";
   if(kind == "market") sent = buy ? g_trade.Buy(lots, symbol, 0, sl, tp, comment) : g_trade.Sell(lots, symbol, 0, sl, tp, comment);
   else if(kind == "limit") sent = buy ? g_trade.BuyLimit(lots, price, symbol, sl, tp, ORDER_TIME_GTC, 0, comment)
                                       : g_trade.SellLimit(lots, price, symbol, sl, tp, ORDER_TIME_GTC, 0, comment);
   else if(kind == "stop") sent = buy ? g_trade.BuyStop(lots, price, symbol, sl, tp, ORDER_TIME_GTC, 0, comment)
                                      : g_trade.SellStop(lots, price, symbol, sl, tp, ORDER_TIME_GTC, 0, comment);
   else { ReplyError(id, "unknown order type " + kind); return; }
   uint rc = g_trade.ResultRetcode();
   ulong ticket = g_trade.ResultOrder();
   if(!sent || (rc != TRADE_RETCODE_DONE && rc != TRADE_RETCODE_PLACED && rc != TRADE_RETCODE_DONE_PARTIAL))
     {
      ReplyOrder(id, OrderFields(ticket, "rejected", symbol, side, units, 0, 0, rc));
      return;
     }
   if(kind != "market") { ReplyOrder(id, OrderFields(ticket, "pending", symbol, side, units, 0, 0, 0)); return; }
   ulong position = 0;
   if(HistoryDealSelect(g_trade.ResultDeal())) position = (ulong)HistoryDealGetInteger(g_trade.ResultDeal(), DEAL_POSITION_ID);
   ReplyOrder(id, OrderFields(ticket, "filled", symbol, side, units, g_trade.ResultPrice(), position, 0));
  }

// Looks an order up by its comment: working orders first, then the history.
void DoFind(long id, const string comment)
  {
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong t = OrderGetTicket(i);
      if(t == 0 || OrderGetString(ORDER_COMMENT) != comment) continue;
      string symbol = OrderGetString(ORDER_SYMBOL);
      long otype = OrderGetInteger(ORDER_TYPE);
      string side = (otype == ORDER_TYPE_BUY || otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_BUY_STOP) ? "buy" : "sell";
      ReplyOrder(id, ",\"found\":true" + OrderFields(t, "pending", symbol, side, LotsToUnits(symbol, OrderGetDouble(ORDER_VOLUME_INITIAL)), 0, 0, 0));
      return;
     }
   HistorySelect(0, TimeCurrent() + 86400);
   for(int i = HistoryOrdersTotal() - 1; i >= 0; i--)
     {
      ulong t = HistoryOrderGetTicket(i);
      if(t == 0 || HistoryOrderGetString(t, ORDER_COMMENT) != comment) continue;
      string symbol = HistoryOrderGetString(t, ORDER_SYMBOL);
      long otype = HistoryOrderGetInteger(t, ORDER_TYPE);
      string side = (otype == ORDER_TYPE_BUY || otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_BUY_STOP) ? "buy" : "sell";
      double units = LotsToUnits(symbol, HistoryOrderGetDouble(t, ORDER_VOLUME_INITIAL));
      long state = HistoryOrderGetInteger(t, ORDER_STATE);
      if(state == ORDER_STATE_FILLED || state == ORDER_STATE_PARTIAL)
        {
         double price = 0;
         ulong position = (ulong)HistoryOrderGetInteger(t, ORDER_POSITION_ID);
         for(int d = HistoryDealsTotal() - 1; d >= 0; d--)
           {
            ulong deal = HistoryDealGetTicket(d);
            if((ulong)HistoryDealGetInteger(deal, DEAL_ORDER) == t) { price = HistoryDealGetDouble(deal, DEAL_PRICE); break; }
           }
         ReplyOrder(id, ",\"found\":true" + OrderFields(t, "filled", symbol, side, units, price, position, 0));
        }
      else
         ReplyOrder(id, ",\"found\":true" + OrderFields(t, state == ORDER_STATE_REJECTED ? "rejected" : "cancelled", symbol, side, units, 0, 0, 0));
      return;
     }
   SendLine("{\"type\":\"reply\",\"id\":" + IntegerToString(id) + ",\"ok\":true,\"found\":false}");
  }

// Closes `units` (0: all) of one position (ticket > 0) or of every position in a symbol,
// with the key as the closing order's comment.
void DoClose(long id, const string line)
  {
   string symbol = JsonString(line, "symbol");
   ulong only = (ulong)JsonInteger(line, "ticket");
   string comment = JsonString(line, "comment");
   double units = JsonNumber(line, "units");
   double left = units > 0 ? UnitsToLots(symbol, units) : 1e18;
   double closedUnits = 0;
   double price = 0;
   ulong lastOrder = 0;
   string side = "sell";
   g_trade.SetExpertMagicNumber(InpMagic);
   for(int i = PositionsTotal() - 1; i >= 0 && left > 0; i--)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0 || PositionGetString(POSITION_SYMBOL) != symbol) continue;
      if(only > 0 && ticket != only) continue;
      double volume = MathMin(PositionGetDouble(POSITION_VOLUME), left);
      side = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? "sell" : "buy";
      MqlTradeRequest request = {};
      MqlTradeResult result = {};
      request.action = TRADE_ACTION_DEAL;
      request.position = ticket;
      request.symbol = symbol;
      request.volume = volume;
      request.type = side == "sell" ? ORDER_TYPE_SELL : ORDER_TYPE_BUY;
      request.price = side == "sell" ? SymbolInfoDouble(symbol, SYMBOL_BID) : SymbolInfoDouble(symbol, SYMBOL_ASK);
      request.deviation = InpSlippage;
      request.magic = InpMagic;
      request.comment = comment;
      if(!OrderSend(request, result) || result.retcode != TRADE_RETCODE_DONE)
        {
         ReplyOrder(id, OrderFields(result.order, "rejected", symbol, side, LotsToUnits(symbol, volume), 0, 0, result.retcode));
         return;
        }
      left -= volume;
      closedUnits += LotsToUnits(symbol, volume);
      price = result.price;
      lastOrder = result.order;
     }
   if(closedUnits == 0) { ReplyError(id, "no open " + symbol + " position to close"); return; }
   ReplyOrder(id, OrderFields(lastOrder, "filled", symbol, side, closedUnits, price, 0, 0));
  }

// Sets SL/TP of one position by ticket; a negative level keeps the current one, 0 removes it.
// A position's SL/TP, or a working order's price, SL and TP. -1 keeps a value, 0 removes SL/TP.
// The price changes only when it is above 0: a request without "price" (an older connector)
// reads as 0 here and must leave the price alone.
void DoModify(long id, const string line)
  {
   ulong ticket = (ulong)JsonInteger(line, "ticket");
   double price = JsonNumber(line, "price");
   double sl = JsonNumber(line, "sl");
   double tp = JsonNumber(line, "tp");
   if(PositionSelectByTicket(ticket))
     {
      if(price > 0) { ReplyError(id, "an open position has no price to change; move its stop loss or take profit"); return; }
      string symbol = PositionGetString(POSITION_SYMBOL);
      string side = PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_SELL ? "sell" : "buy";
      double units = LotsToUnits(symbol, PositionGetDouble(POSITION_VOLUME));
      if(sl < 0) sl = PositionGetDouble(POSITION_SL);
      if(tp < 0) tp = PositionGetDouble(POSITION_TP);
      if(!g_trade.PositionModify(ticket, sl, tp))
        {
         ReplyOrder(id, OrderFields(ticket, "rejected", symbol, side, units, 0, 0, g_trade.ResultRetcode()));
         return;
        }
      ReplyOrder(id, OrderFields(ticket, "accepted", symbol, side, units, 0, ticket, 0));
      return;
     }
   if(!OrderSelect(ticket)) { ReplyError(id, "no open position or working order " + IntegerToString((long)ticket)); return; }
   string osymbol = OrderGetString(ORDER_SYMBOL);
   long otype = OrderGetInteger(ORDER_TYPE);
   string oside = (otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_BUY_STOP) ? "buy" : "sell";
   double ounits = LotsToUnits(osymbol, OrderGetDouble(ORDER_VOLUME_CURRENT));
   int digits = (int)SymbolInfoInteger(osymbol, SYMBOL_DIGITS);
   price = price <= 0 ? OrderGetDouble(ORDER_PRICE_OPEN) : NormalizeDouble(price, digits);
   sl = sl < 0 ? OrderGetDouble(ORDER_SL) : NormalizeDouble(sl, digits);
   tp = tp < 0 ? OrderGetDouble(ORDER_TP) : NormalizeDouble(tp, digits);
   ENUM_ORDER_TYPE_TIME ttime = (ENUM_ORDER_TYPE_TIME)OrderGetInteger(ORDER_TYPE_TIME);
   datetime expiration = (datetime)OrderGetInteger(ORDER_TIME_EXPIRATION);
   if(!g_trade.OrderModify(ticket, price, sl, tp, ttime, expiration))
     {
      ReplyOrder(id, OrderFields(ticket, "rejected", osymbol, oside, ounits, 0, 0, g_trade.ResultRetcode()));
      return;
     }
   ReplyOrder(id, OrderFields(ticket, "accepted", osymbol, oside, ounits, 0, 0, 0));
  }

void DoCancel(long id, const string line)
  {
   ulong ticket = (ulong)JsonInteger(line, "ticket");
   if(!OrderSelect(ticket)) { ReplyError(id, "no working order " + IntegerToString((long)ticket)); return; }
   string symbol = OrderGetString(ORDER_SYMBOL);
   double units = LotsToUnits(symbol, OrderGetDouble(ORDER_VOLUME_INITIAL));
   long otype = OrderGetInteger(ORDER_TYPE);
   string side = (otype == ORDER_TYPE_BUY_LIMIT || otype == ORDER_TYPE_BUY_STOP) ? "buy" : "sell";
   if(!g_trade.OrderDelete(ticket))
     {
      ReplyOrder(id, OrderFields(ticket, "rejected", symbol, side, units, 0, 0, g_trade.ResultRetcode()));
      return;
     }
   ReplyOrder(id, OrderFields(ticket, "cancelled", symbol, side, units, 0, 0, 0));
  }

//--- Quotes
void SendQuotes()
  {
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      MqlTick tick;
      if(!SymbolInfoTick(g_symbols[i], tick) || tick.bid <= 0 || tick.ask <= 0) continue;
      SendLine("{\"type\":\"quote\",\"symbol\":\"" + g_symbols[i] + "\",\"bid\":" + Num(tick.bid) + ",\"ask\":" +
               Num(tick.ask) + ",\"time\":" + IntegerToString(tick.time_msc) + "}");
     }
  }

//--- Event handlers
int OnInit()
  {
   StringSplit(InpSymbols, ',', g_symbols);
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      StringTrimLeft(g_symbols[i]);
      StringTrimRight(g_symbols[i]);
      SymbolSelect(g_symbols[i], true);
     }
   EventSetMillisecondTimer(100);
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   Disconnect();
  }

void OnTick()
  {
   if(g_socket != INVALID_HANDLE) SendQuotes();
  }

// Reports deals the connector did not ask for: stop loss, take profit, stop-out.
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(g_socket == INVALID_HANDLE || trans.type != TRADE_TRANSACTION_DEAL_ADD) return;
   if(!HistoryDealSelect(trans.deal)) return;
   long reason = HistoryDealGetInteger(trans.deal, DEAL_REASON);
   string why = "";
   if(reason == DEAL_REASON_SL) why = "sl";
   if(reason == DEAL_REASON_TP) why = "tp";
   if(reason == DEAL_REASON_SO) why = "so";
   if(why == "") return;
   string symbol = HistoryDealGetString(trans.deal, DEAL_SYMBOL);
   string side = HistoryDealGetInteger(trans.deal, DEAL_TYPE) == DEAL_TYPE_BUY ? "buy" : "sell";
   SendLine("{\"type\":\"deal\",\"deal\":" + IntegerToString((long)trans.deal) + ",\"order\":" +
            IntegerToString(HistoryDealGetInteger(trans.deal, DEAL_ORDER)) + ",\"symbol\":\"" + symbol +
            "\",\"side\":\"" + side + "\",\"units\":" + Num(LotsToUnits(symbol, HistoryDealGetDouble(trans.deal, DEAL_VOLUME)), 2) +
            ",\"price\":" + Num(HistoryDealGetDouble(trans.deal, DEAL_PRICE)) + ",\"profit\":" +
            Num(HistoryDealGetDouble(trans.deal, DEAL_PROFIT), 2) + ",\"reason\":\"" + why + "\",\"time\":" +
            IntegerToString(HistoryDealGetInteger(trans.deal, DEAL_TIME_MSC)) + "}");
  }

void OnTimer()
  {
   TryConnect();
   ReadLines();
  }
//+------------------------------------------------------------------+
