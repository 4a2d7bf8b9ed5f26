package dev.kiwiops.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.access.AccessPolicy;
import dev.kiwiops.core.command.Command;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.CommandSpec;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import dev.kiwiops.core.platform.PlatformStartException;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * kiwiops on Telegram: long polling through TelegramBots, every catalogue command as {@code /word
 * args…}, inline-keyboard buttons, private replies by direct message, and the alert sink for {@code
 * telegram:<chat id>} destinations.
 *
 * <p>Updates are taken by the library's poller thread and handed at once to a small bounded pool of
 * the adapter's own, where the {@link Dispatcher} runs; the poller never waits for a command. Each
 * batch is confirmed to Telegram before any of it runs, and an {@code update_id} is never handled
 * twice: a crash mid-command loses that command (at most once), it never replays it.
 *
 * <p>The core objects are asked for lazily, at {@link #start()}, so that the platform (an alert
 * sink the core needs first) can be built before the core.
 */
public final class TelegramPlatform implements ChatPlatform, AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(TelegramPlatform.class);
  static final String ID = "telegram";
  static final int WORKERS = 4;
  static final int QUEUE = 64;
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final TelegramSettings settings;
  private final Supplier<Dispatcher> dispatcher;
  private final Supplier<CommandCatalog> catalog;
  private final Supplier<AccessPolicy> access;
  private final BooleanSupplier mayPoll;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Redactor redactor;
  private final Health health;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timers;
  private final boolean ownTimers;
  private final Object updatesLock = new Object();

  private volatile Sender sender;
  private volatile String botUsername = "";
  private volatile Map<String, String> aliases = Map.of();
  private volatile boolean stopping;
  private long lastUpdateId = -1;
  private OkHttpClient httpClient;
  private ScheduledExecutorService poller;
  private TelegramBotsLongPollingApplication polling;

  private TelegramPlatform(Builder b) {
    this.settings = b.settings;
    this.dispatcher = Objects.requireNonNull(b.dispatcher, "dispatcher");
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.access = Objects.requireNonNull(b.access, "access");
    this.mayPoll = b.mayPoll;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.redactor = new Redactor(settings.token().reveal());
    this.health = new Health(clock);
    this.workers =
        new ThreadPoolExecutor(
            b.workers,
            b.workers,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            daemonThreads("telegram-worker"));
    this.ownTimers = b.timers == null;
    this.timers =
        b.timers != null
            ? b.timers
            : Executors.newSingleThreadScheduledExecutor(daemonThreads("telegram-edits"));
  }

  public static Builder builder(TelegramSettings settings) {
    return new Builder(settings);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void start() throws PlatformStartException {
    Duration pollTimeout = settings.pollTimeout();
    httpClient =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(SEND_TIMEOUT)
            .writeTimeout(SEND_TIMEOUT)
            .build();
    OkHttpClient pollClient =
        httpClient
            .newBuilder()
            .readTimeout(pollTimeout.plusSeconds(15))
            .addInterceptor(new PollGuard(health, sleeper, redactor, mayPoll))
            .build();
    TelegramUrl url =
        new TelegramUrl(
            settings.apiUrl().getScheme().toLowerCase(Locale.ROOT),
            settings.apiUrl().getHost(),
            settings.port(),
            false);
    String token = settings.token().reveal();
    BotApi api = new BotApi(new OkHttpTelegramClient(httpClient, token, url), redactor);
    BotApi.Me me;
    try {
      me = api.getMe();
    } catch (BotApiException e) {
      if (e.code() == 401 || e.code() == 404) {
        health.enter(Health.State.UNAUTHORIZED, "");
        throw new PlatformStartException(
            "Telegram refused the bot token (401 Unauthorized): check telegram.token.");
      }
      health.enter(Health.State.UNREACHABLE, e.description());
      throw new PlatformStartException(
          "The Telegram Bot API at "
              + settings.apiUrl()
              + " could not be reached: "
              + e.description());
    }
    botUsername = settings.botUsername().isEmpty() ? me.username() : settings.botUsername();
    sender = new Sender(api, new Pacer(clock), sleeper);
    CommandCatalog commands = catalog.get();
    List<CommandSpec> specs = commands.all().stream().map(Command::spec).toList();
    aliases = Menus.aliases(specs);
    registerMenus(api, specs);
    poller = Executors.newSingleThreadScheduledExecutor(daemonThreads("telegram-poller"));
    polling =
        new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollClient, () -> poller);
    try {
      polling.registerBot(token, () -> url, this::nextPoll, this::consume);
    } catch (TelegramApiException e) {
      poller.shutdownNow();
      throw new PlatformStartException(
          "Telegram long polling could not start: " + redactor.describe(e));
    }
    LOG.info("Telegram: @{} is taking commands", botUsername);
  }

  private GetUpdates nextPoll(Integer lastReceived) {
    return GetUpdates.builder()
        .offset(lastReceived + 1)
        .limit(100)
        .timeout((int) settings.pollTimeout().toSeconds())
        .allowedUpdates(List.of("message", "callback_query"))
        .build();
  }

  /** The command menu for everyone, and for each configured Telegram user what it may run. */
  private void registerMenus(BotApi api, List<CommandSpec> specs) {
    try {
      api.setCommands(Menus.entries(specs, s -> true), new BotCommandScopeDefault());
    } catch (BotApiException e) {
      LOG.warn("Telegram: the command menu could not be set: {}", e.getMessage());
      return;
    }
    AccessPolicy policy = access.get();
    Set<String> users = new LinkedHashSet<>();
    // A person's binding (person:ada) reaches the person's Telegram identity too.
    for (Identity identity : policy.boundIdentities()) {
      if (identity.kind().equals(ID) && identity.id().matches("\\d{1,19}")) {
        users.add(identity.id());
      }
    }
    for (String user : users) {
      Caller caller = Caller.of(new Identity(ID, user));
      List<BotCommand> mine =
          Menus.entries(
              specs,
              s -> s.isOpenToAnyone() || policy.allows(caller, s.permission(), Optional.empty()));
      try {
        api.setCommands(mine, new BotCommandScopeChat(user));
      } catch (BotApiException e) {
        // Telegram knows no chat with a user who never wrote to the bot; the default menu stays.
        LOG.debug("Telegram: no menu of its own for telegram:{}: {}", user, e.getMessage());
      }
    }
  }

  /** Runs on the library's poller thread: confirm, de-duplicate, hand over, never wait. */
  private void consume(List<Update> updates) {
    List<Update> fresh = new ArrayList<>();
    synchronized (updatesLock) {
      for (Update update : updates) {
        if (update.getUpdateId() == null || update.getUpdateId() <= lastUpdateId) {
          continue;
        }
        lastUpdateId = update.getUpdateId();
        fresh.add(update);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    confirm((int) lastUpdateId);
    for (Update update : fresh) {
      if (stopping) {
        refuse(update, "kiwiops is shutting down; nothing was sent to KiwiVM. Try again shortly.");
        continue;
      }
      try {
        workers.execute(() -> process(update));
      } catch (RejectedExecutionException e) {
        refuse(update, "Too many commands at once; nothing was sent to KiwiVM. Try again shortly.");
      }
    }
  }

  /** Tells Telegram the batch up to {@code lastId} was received, before any of it runs. */
  private void confirm(int lastId) {
    try {
      sender.api().confirmUpdates(lastId + 1);
    } catch (BotApiException e) {
      LOG.debug("Telegram: updates up to {} not confirmed early: {}", lastId, e.getMessage());
    }
  }

  private void refuse(Update update, String text) {
    try {
      if (update.hasCallbackQuery()) {
        ClickConversation.refuse(sender.api(), update.getCallbackQuery().getId(), text);
      } else if (update.hasMessage() && update.getMessage().hasText()) {
        sender
            .api()
            .sendMessage(
                String.valueOf(update.getMessage().getChatId()), TelegramHtml.escape(text), null);
      }
    } catch (BotApiException e) {
      LOG.debug("Telegram: a refusal was not delivered: {}", e.getMessage());
    }
  }

  private void process(Update update) {
    try {
      if (update.hasMessage() && update.getMessage().hasText()) {
        onMessage(update.getMessage());
      } else if (update.hasCallbackQuery()) {
        onClick(update.getCallbackQuery());
      }
    } catch (RuntimeException e) {
      LOG.error("Telegram: update {} failed: {}", update.getUpdateId(), redactor.describe(e), e);
    }
  }

  private void onMessage(Message message) {
    User from = message.getFrom();
    if (from == null || Boolean.TRUE.equals(from.getIsBot())) {
      return;
    }
    String chatId = String.valueOf(message.getChatId());
    boolean direct = message.isUserMessage();
    Optional<String> parsed = CommandText.parse(message.getText(), botUsername, direct, aliases);
    if (parsed.isEmpty()) {
      return;
    }
    String line = parsed.get();
    String first = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    ChatConversation conversation = conversation(chatId, direct, from.getId());
    if (first.equals("secret")) {
      // Read it, then take it out of the chat history (in a group the bot needs to be an admin).
      try {
        sender.api().delete(chatId, message.getMessageId());
      } catch (BotApiException e) {
        LOG.info("Telegram: a /secret message could not be deleted: {}", e.getMessage());
      }
    }
    if (first.equals("start") && catalog.get().match(List.of("start")).isEmpty()) {
      conversation.send(
          Reply.text(
              "Hello! I am kiwiops. I can now send you private answers here. Type /help for the"
                  + " commands, /whoami for your Telegram identity."));
      return;
    }
    dispatcher.get().handle(caller(from), chatRef(chatId, direct), line, conversation);
  }

  private void onClick(CallbackQuery query) {
    User from = query.getFrom();
    MaybeInaccessibleMessage source = query.getMessage();
    Optional<String> token = ButtonActions.token(query.getData());
    if (from == null || source == null || token.isEmpty()) {
      ClickConversation.refuse(sender.api(), query.getId(), "This button is no longer valid.");
      return;
    }
    String chatId = String.valueOf(source.getChatId());
    boolean direct = source.isUserMessage();
    ChatConversation chat = conversation(chatId, direct, from.getId());
    ClickConversation click =
        new ClickConversation(chat, sender.api(), query.getId(), query.getData());
    // The prompt may be edited at once: it has never been edited before.
    ChatConversation.Handle prompt =
        new ChatConversation.Handle(chatId, source.getMessageId(), java.time.Instant.EPOCH);
    try {
      dispatcher
          .get()
          .click(caller(from), chatRef(chatId, direct), token.get(), click, Optional.of(prompt));
    } finally {
      click.finish();
    }
  }

  private ChatConversation conversation(String chatId, boolean direct, long userId) {
    return new ChatConversation(
        new ChatConversation.Context(sender, timers, clock, () -> botUsername),
        chatId,
        direct,
        userId);
  }

  private static Caller caller(User from) {
    return Caller.of(new Identity(ID, String.valueOf(from.getId())));
  }

  private static ChatRef chatRef(String chatId, boolean direct) {
    return new ChatRef(ID, chatId, direct);
  }

  /**
   * Sends an alert to a Telegram chat ({@code target} is its id), with its buttons and attachment;
   * returns the id of the message that carries the buttons, which {@link #update} edits later.
   * Paced per chat; when the chat's slot is further than a second away, or Telegram answers 429,
   * this throws so that the outbox retries later; nothing is retried here, so nothing is sent
   * twice.
   */
  @Override
  public Optional<String> deliver(String target, Alert alert) throws Exception {
    List<Integer> ids = started().send(target, alert.toReply(), false);
    return ids.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(ids.get(ids.size() - 1)));
  }

  /** Posts a scheduled report (or any reply that is not an alert) to the chat {@code target}. */
  @Override
  public Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply) throws Exception {
    List<Integer> ids = started().send(target, reply, false);
    return ids.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(ids.get(ids.size() - 1)));
  }

  /**
   * Edits an earlier alert message to read as {@code alert} now does (acknowledged, snoozed,
   * resolved), without buttons. A message that is gone, or already reads so, is not an error.
   */
  @Override
  public void update(String target, String messageRef, Alert alert) throws Exception {
    Sender current = started();
    int messageId;
    try {
      messageId = Integer.parseInt(messageRef);
    } catch (NumberFormatException e) {
      LOG.warn("Telegram: alert {} has no message id of ours to update", alert.id());
      return;
    }
    Duration wait = current.pacer().delay(target);
    if (wait.compareTo(Sender.IMPATIENT_WAIT) > 0) {
      throw new BotApiException("editMessageText", 429, "paced: retry later", wait);
    }
    String html = TelegramHtml.single(alert.toReply());
    try {
      try {
        current.api().editText(target, messageId, html, null);
      } catch (BotApiException e) {
        if (e.code() != 400 || !e.description().contains("no text in the message")) {
          throw e;
        }
        // The alert went as a file with a caption.
        current.api().editCaption(target, messageId, cut(html, Sender.CAPTION_LIMIT), null);
      }
    } catch (BotApiException e) {
      if (e.isNotModified()) {
        return;
      }
      if (e.code() == 400) {
        // Deleted, or too old to edit: no retry can change that.
        LOG.info(
            "Telegram: alert message {} in {} cannot be edited: {}",
            messageId,
            target,
            e.description());
        return;
      }
      if (e.isTooManyRequests()) {
        current.pacer().blocked(target, e.retryAfter().orElse(Pacer.PER_CHAT));
      }
      throw e;
    }
  }

  /** Cuts rendered HTML to {@code limit} at a line boundary outside tags, or to its first line. */
  private static String cut(String html, int limit) {
    if (html.length() <= limit) {
      return html;
    }
    String first = html.split("\n", 2)[0];
    return first.length() <= limit ? first : TelegramHtml.escape("(alert updated)");
  }

  private Sender started() throws BotApiException {
    Sender current = sender;
    if (current == null) {
      throw new BotApiException("send", 0, "Telegram is not connected yet", null);
    }
    return current;
  }

  @Override
  public void stop(Duration grace) {
    stopping = true;
    if (polling != null) {
      try {
        polling.close();
      } catch (Exception e) {
        LOG.debug("Telegram: stopping the poller: {}", redactor.describe(e));
      }
      // No interrupt: the poll in flight ends by its own timeout, and what it brings is refused.
      poller.shutdown();
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Telegram: commands still running after {}; stopping them", grace);
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (ownTimers) {
      timers.shutdown();
    }
    if (httpClient != null) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
    health.enter(Health.State.STOPPED, "");
  }

  @Override
  public PlatformHealth health() {
    return health.report();
  }

  /** The username commands may be addressed to ({@code /help@name}), once started. */
  String botUsername() {
    return botUsername;
  }

  static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Builds a {@link TelegramPlatform}; every method returns this builder. */
  public static final class Builder {
    private final TelegramSettings settings;
    private Supplier<Dispatcher> dispatcher;
    private Supplier<CommandCatalog> catalog;
    private Supplier<AccessPolicy> access;
    private BooleanSupplier mayPoll = () -> true;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.REAL;
    private ScheduledExecutorService timers;
    private int workers = WORKERS;

    private Builder(TelegramSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The dispatcher commands and clicks go to (asked for at start). */
    public Builder dispatcher(Supplier<Dispatcher> value) {
      this.dispatcher = value;
      return this;
    }

    /** The catalogue the command menus are made from (asked for at start). */
    public Builder catalog(Supplier<CommandCatalog> value) {
      this.catalog = value;
      return this;
    }

    /** The access policy in force, for per-user menus (asked for at start). */
    public Builder access(Supplier<AccessPolicy> value) {
      this.access = value;
      return this;
    }

    /**
     * Asked before every {@code getUpdates}: while it answers false, no poll leaves this process (a
     * replica that is no longer sure it leads must not take a poll from the leader's). Always true
     * by default.
     */
    public Builder mayPoll(BooleanSupplier value) {
      this.mayPoll = Objects.requireNonNull(value, "mayPoll");
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    Builder sleeper(Sleeper value) {
      this.sleeper = value;
      return this;
    }

    Builder timers(ScheduledExecutorService value) {
      this.timers = value;
      return this;
    }

    Builder workers(int value) {
      this.workers = value;
      return this;
    }

    public TelegramPlatform build() {
      return new TelegramPlatform(this);
    }
  }
}
