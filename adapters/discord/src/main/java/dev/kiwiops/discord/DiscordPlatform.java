package dev.kiwiops.discord;

import dev.kiwiops.core.Caller;
import dev.kiwiops.core.ChatRef;
import dev.kiwiops.core.Identity;
import dev.kiwiops.core.Secret;
import dev.kiwiops.core.command.CommandCall;
import dev.kiwiops.core.command.CommandCatalog;
import dev.kiwiops.core.command.Dispatcher;
import dev.kiwiops.core.complete.Completer;
import dev.kiwiops.core.complete.Suggestions;
import dev.kiwiops.core.platform.ChatPlatform;
import dev.kiwiops.core.platform.PlatformHealth;
import dev.kiwiops.core.platform.PlatformStartException;
import dev.kiwiops.core.reply.Conversation;
import dev.kiwiops.core.reply.Reply;
import dev.kiwiops.core.watch.Alert;
import dev.kiwiops.core.watch.AlertSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import net.dv8tion.jda.api.GatewayEncoding;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kiwiops on Discord: the core's catalogue as slash commands, buttons for confirmations and alert
 * actions, and alerts posted to channels. {@code kiwiops run} hosts it as a {@link ChatPlatform}
 * and the watcher's outbox delivers through it as an {@link AlertSink} (targets are channel ids).
 *
 * <p>JDA runs light: no optional gateway intent (JDA keeps only the guild and channel structure it
 * always receives, so alerts can be posted to channels by id), no member cache, no chunking, no
 * message content. Every interaction is acknowledged on JDA's gateway thread at once; the command
 * then runs on this adapter's own bounded pool of workers. Who runs it is taken from the
 * interaction itself each time: {@code discord:<user id>} plus {@code discord-role:<role id>} for
 * every role the member holds in that guild, so a role removed on Discord stops counting at the
 * next click.
 */
public final class DiscordPlatform implements ChatPlatform, AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(DiscordPlatform.class);
  private static final String ID = "discord";

  private final DiscordSettings settings;
  private final Dispatcher dispatcher;
  private final CatalogueSlashes slashes;
  private final Optional<Completer> completer;
  private final Clock clock;
  private final ThreadPoolExecutor workers;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final AtomicReference<PlatformHealth> health;
  private volatile JDA jda;
  private volatile boolean stopping;
  private volatile BooleanSupplier acting = () -> true;

  /** A platform whose options offer no autocomplete. */
  public DiscordPlatform(
      DiscordSettings settings, Dispatcher dispatcher, CommandCatalog catalog, Clock clock) {
    this(settings, dispatcher, catalog, Optional.empty(), clock);
  }

  /**
   * @param completer answers autocomplete for options that have a source of suggestions (servers,
   *     snapshot files, …); without one those options take free text
   */
  public DiscordPlatform(
      DiscordSettings settings,
      Dispatcher dispatcher,
      CommandCatalog catalog,
      Optional<Completer> completer,
      Clock clock) {
    this.settings = settings;
    this.dispatcher = dispatcher;
    this.completer = completer;
    this.slashes = new CatalogueSlashes(catalog, completer.isPresent());
    this.clock = clock;
    this.health = new AtomicReference<>(PlatformHealth.down("not started", clock.instant()));
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queue()),
            r -> {
              Thread t = new Thread(r, "discord-command-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
  }

  /**
   * Handles interactions only while {@code acting} says yes; otherwise they are left unanswered,
   * for the session that should answer them (a replica that is no longer sure it leads: its gateway
   * session may still get the events until it stops). Always yes by default.
   */
  public DiscordPlatform actOnlyWhile(BooleanSupplier acting) {
    this.acting = java.util.Objects.requireNonNull(acting, "acting");
    return this;
  }

  /** Whether an interaction is this process's to answer; logs the ones it leaves alone. */
  private boolean mine(String what) {
    if (acting.getAsBoolean()) {
      return true;
    }
    LOG.info("Discord: a {} is left to the leading replica; this one no longer leads", what);
    return false;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public void start() throws PlatformStartException {
    JDABuilder builder =
        JDABuilder.createLight(settings.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
            .setSessionController(new ConfiguredGateway(settings.gatewayUrl()))
            .setCompression(Compression.NONE)
            .setGatewayEncoding(GatewayEncoding.JSON)
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setChunkingFilter(ChunkingFilter.NONE)
            .setEventPassthrough(true)
            .setEnableShutdownHook(false)
            .addEventListeners(new Events());
    try {
      jda = builder.build();
    } catch (InvalidTokenException e) {
      fail("Discord rejected the bot token (discord.token)");
    } catch (RuntimeException e) {
      fail(
          "could not log in to Discord at "
              + settings.apiUrl()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
    try {
      if (!ready.await(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        jda.shutdownNow();
        fail(
            "the Discord gateway at "
                + settings.gatewayUrl()
                + " was not ready within "
                + settings.startTimeout().toSeconds()
                + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      jda.shutdownNow();
      fail("interrupted while connecting to Discord");
    }
    if (jda.getStatus() != JDA.Status.CONNECTED) {
      fail("the Discord connection closed while starting (" + jda.getStatus() + ")");
    }
    register();
    health.set(PlatformHealth.up(clock.instant()));
  }

  private void fail(String message) throws PlatformStartException {
    health.set(PlatformHealth.down(message, clock.instant()));
    throw new PlatformStartException(message);
  }

  /** Registers the slash commands in each configured guild, or globally when there is none. */
  private void register() throws PlatformStartException {
    List<CommandData> commands = JdaCommands.of(slashes.commands());
    try {
      if (settings.guilds().isEmpty()) {
        jda.updateCommands().addCommands(commands).complete();
        return;
      }
      for (String id : settings.guilds()) {
        Guild guild = jda.getGuildById(id);
        if (guild == null) {
          LOG.warn(
              "discord.guilds names guild {}, which this bot is not in; no commands registered"
                  + " there (invite the bot with the applications.commands scope)",
              id);
          continue;
        }
        guild.updateCommands().addCommands(commands).complete();
      }
    } catch (RuntimeException e) {
      jda.shutdownNow();
      fail("Discord refused the slash commands (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public void stop(Duration grace) {
    stopping = true;
    long deadline = System.nanoTime() + grace.toNanos();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("Discord commands still running after {} s; stopping them", grace.toSeconds());
        workers.shutdownNow();
      }
      JDA current = jda;
      if (current != null) {
        current.shutdown();
        long left = Math.max(0, deadline - System.nanoTime());
        if (!current.awaitShutdown(Duration.ofNanos(Math.max(left, 1_000_000_000L)))) {
          current.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
      Optional.ofNullable(jda).ifPresent(JDA::shutdownNow);
    }
    health.set(PlatformHealth.down("stopped", clock.instant()));
  }

  @Override
  public PlatformHealth health() {
    return health.get();
  }

  /**
   * Posts an alert to the channel {@code target} (a channel id), with its buttons; answers the
   * message id.
   */
  @Override
  public Optional<String> deliver(String target, Alert alert) throws Exception {
    Message message =
        channel(target).sendMessage(DiscordMessages.create(alert.toReply(), true)).complete();
    return Optional.of(message.getId());
  }

  /** Posts a scheduled report (or any reply that is not an alert) to the channel {@code target}. */
  @Override
  public Optional<String> post(String target, dev.kiwiops.core.reply.Reply reply) throws Exception {
    Message message = channel(target).sendMessage(DiscordMessages.create(reply, true)).complete();
    return Optional.of(message.getId());
  }

  /** Edits an alert message posted by {@link #deliver}; a deleted message is left alone. */
  @Override
  public void update(String target, String messageRef, Alert alert) throws Exception {
    try {
      channel(target)
          .editMessageById(messageRef, DiscordMessages.edit(alert.toReply(), true))
          .complete();
    } catch (ErrorResponseException e) {
      if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
        throw e;
      }
      LOG.info("alert message {} in channel {} is gone; not updated", messageRef, target);
    }
  }

  private GuildMessageChannel channel(String target) {
    JDA current = jda;
    if (current == null || current.getStatus() != JDA.Status.CONNECTED) {
      throw new IllegalStateException("Discord is not connected");
    }
    GuildMessageChannel channel =
        target.matches("[0-9]{1,20}")
            ? current.getChannelById(GuildMessageChannel.class, target)
            : null;
    if (channel == null) {
      throw new IllegalArgumentException(
          "Discord channel " + target + " is unknown or not visible to the bot");
    }
    return channel;
  }

  // ------------------------------------------------------------------ interactions

  /** The caller as the interaction itself names it: the user and the member's roles there. */
  private static Caller caller(DataObject raw, String userId) {
    Set<Identity> roles = new LinkedHashSet<>();
    if (raw != null) {
      DataObject d = raw.hasKey("d") ? raw.getObject("d") : raw;
      Optional<DataArray> array = d.optObject("member").flatMap(m -> m.optArray("roles"));
      if (array.isPresent()) {
        for (int i = 0; i < array.get().length(); i++) {
          roles.add(new Identity("discord-role", array.get().getString(i)));
        }
      }
    }
    return new Caller(new Identity("discord", userId), roles);
  }

  private void run(InteractionHook hook, Runnable command) {
    try {
      workers.execute(
          () -> {
            try {
              command.run();
            } catch (RuntimeException e) {
              LOG.error("Discord interaction failed", e);
              try {
                hook.sendMessage(
                        DiscordMessages.create(
                            Reply.error("Something went wrong answering this; it was logged."),
                            false))
                    .setEphemeral(true)
                    .complete();
              } catch (RuntimeException ignored) {
                LOG.debug("could not report the failure to Discord", ignored);
              }
            }
          });
    } catch (RejectedExecutionException e) {
      String text =
          stopping
              ? "kiwiops is shutting down; nothing was sent to KiwiVM."
              : "kiwiops is busy; nothing was sent to KiwiVM. Try again in a moment.";
      hook.sendMessage(DiscordMessages.text(text)).setEphemeral(true).queue(null, f -> {});
    }
  }

  private final class Events extends ListenerAdapter {

    @Override
    public void onShutdown(ShutdownEvent event) {
      ready.countDown();
    }

    @Override
    public void onStatusChange(StatusChangeEvent event) {
      JDA.Status status = event.getNewStatus();
      if (status == JDA.Status.CONNECTED || status == JDA.Status.SHUTDOWN) {
        ready.countDown();
      }
      if (!health.get().detail().equals("not started")) {
        health.set(
            status == JDA.Status.CONNECTED
                ? PlatformHealth.up(clock.instant())
                : PlatformHealth.down(
                    "Discord gateway " + status.name().toLowerCase(java.util.Locale.ROOT),
                    clock.instant()));
      }
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
      if (!mine("command")) {
        return;
      }
      Optional<CatalogueSlashes.Target> target =
          slashes.resolve(event.getName(), event.getSubcommandName());
      if (stopping || target.isEmpty()) {
        event
            .reply(
                stopping
                    ? "kiwiops is shutting down; nothing was sent to KiwiVM."
                    : "This command is unknown to this version of kiwiops.")
            .setEphemeral(true)
            .queue(null, f -> {});
        return;
      }
      Caller caller = caller(event.getRawData(), event.getUser().getId());
      ChatRef chat = new ChatRef(ID, event.getChannelId(), !event.isFromGuild());
      boolean ephemeral = target.get().secretReply();
      event
          .deferReply(ephemeral)
          .queue(null, f -> LOG.warn("could not acknowledge /{}", event.getName()));
      Map<String, String> values = new LinkedHashMap<>();
      for (OptionMapping option : event.getOptions()) {
        values.put(option.getName(), option.getAsString());
      }
      CommandCall call = CatalogueSlashes.call(target.get(), values);
      InteractionHook hook = event.getHook();
      InteractionConversation conversation =
          new InteractionConversation(
              event.getJDA(),
              hook,
              InteractionConversation.Kind.COMMAND,
              ephemeral,
              event.getChannelId());
      run(hook, () -> dispatcher.handle(caller, chat, call, conversation));
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
      if (!mine("suggestion request")) {
        return;
      }
      Optional<CatalogueSlashes.Target> target =
          slashes.resolve(event.getName(), event.getSubcommandName());
      AutoCompleteQuery focused = event.getFocusedOption();
      Optional<SlashOption> option =
          target.flatMap(
              t ->
                  t.options().stream().filter(o -> o.name().equals(focused.getName())).findFirst());
      if (completer.isEmpty() || option.isEmpty() || !option.get().autocomplete() || stopping) {
        event.replyChoices(List.of()).queue(null, f -> {});
        return;
      }
      Caller caller = caller(event.getRawData(), event.getUser().getId());
      Optional<String> server =
          Optional.ofNullable(event.getOption("server"))
              .map(OptionMapping::getAsString)
              .filter(s -> !s.isBlank() && !focused.getName().equals("server"));
      String permission = target.get().permission();
      Suggestions kind = option.get().suggestions();
      String prefix = focused.getValue();
      try {
        workers.execute(
            () -> {
              List<Command.Choice> choices = new ArrayList<>();
              for (Completer.Choice c :
                  completer
                      .get()
                      .complete(
                          caller, permission, kind, server, prefix, Completer.DISCORD_LIMIT)) {
                if (choices.size() < Completer.DISCORD_LIMIT
                    && !c.value().isEmpty()
                    && c.value().length() <= 100) {
                  choices.add(
                      new Command.Choice(
                          DiscordMessages.cut(c.label().isEmpty() ? c.value() : c.label(), 100),
                          c.value()));
                }
              }
              event.replyChoices(choices).queue(null, f -> {});
            });
      } catch (RejectedExecutionException e) {
        event.replyChoices(List.of()).queue(null, f -> {});
      }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      if (!mine("click")) {
        return;
      }
      String customId = event.getComponentId();
      if (stopping) {
        event
            .reply("kiwiops is shutting down; nothing was sent to KiwiVM.")
            .setEphemeral(true)
            .queue(null, f -> {});
        return;
      }
      if (ButtonIds.isSecret(customId)) {
        // A form must be the first answer to the click; nothing else happens before it.
        event
            .replyModal(SecretForm.of(customId))
            .queue(null, f -> LOG.warn("could not open a form"));
        return;
      }
      Caller caller = caller(event.getRawData(), event.getUser().getId());
      ChatRef chat = new ChatRef(ID, event.getChannelId(), !event.isFromGuild());
      boolean ephemeralSource = event.getMessage().isEphemeral();
      event.deferEdit().queue(null, f -> LOG.warn("could not acknowledge a click"));
      InteractionHook hook = event.getHook();
      InteractionConversation conversation =
          new InteractionConversation(
              event.getJDA(),
              hook,
              InteractionConversation.Kind.CLICK,
              ephemeralSource,
              event.getChannelId());
      Optional<Conversation.MessageHandle> source =
          Optional.of(
              new InteractionConversation.Sent(
                  event.getMessageIdLong(), event.getChannelId(), true, ephemeralSource));
      run(hook, () -> dispatcher.click(caller, chat, customId, conversation, source));
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
      if (!mine("form")) {
        return;
      }
      if (!ButtonIds.isSecret(event.getModalId()) || stopping) {
        event.reply("This form is no longer valid.").setEphemeral(true).queue(null, f -> {});
        return;
      }
      Caller caller = caller(event.getRawData(), event.getUser().getId());
      ChatRef chat = new ChatRef(ID, event.getChannelId(), !event.isFromGuild());
      String code = ButtonIds.secretCode(event.getModalId());
      Optional<Secret> value =
          Optional.ofNullable(event.getValue(SecretForm.FIELD))
              .map(m -> Secret.of(m.getAsString()));
      event.deferReply(true).queue(null, f -> LOG.warn("could not acknowledge a form"));
      InteractionHook hook = event.getHook();
      InteractionConversation conversation =
          new InteractionConversation(
              event.getJDA(),
              hook,
              InteractionConversation.Kind.COMMAND,
              true,
              event.getChannelId());
      // A modal is private input even when it was opened from a server channel.
      run(
          hook,
          () ->
              dispatcher.answerSecret(
                  caller, chat, code, value.orElse(Secret.of("")), true, conversation));
    }
  }

  /** Points JDA at the configured gateway (Discord's own, or a gateway proxy). */
  private static final class ConfiguredGateway extends SessionControllerAdapter {
    private final String url;

    ConfiguredGateway(String url) {
      this.url = url;
    }

    @Override
    public String getGateway() {
      return url;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
      ShardedGateway fromDiscord = super.getShardedGateway(api);
      return new ShardedGateway(url, fromDiscord.getShardTotal(), fromDiscord.getConcurrency());
    }
  }
}
