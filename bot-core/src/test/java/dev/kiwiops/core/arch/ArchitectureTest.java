package dev.kiwiops.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core's package rules. The Maven module graph already keeps platform SDKs out of bot-core;
 * these rules keep the inside of the core layered: values and ports know nothing of commands.
 */
@AnalyzeClasses(packages = "dev.kiwiops.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule coreUsesNoPlatformOrTransportTypes =
      noClasses()
          .that()
          .resideInAPackage("dev.kiwiops.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "net.dv8tion..",
              "org.telegram..",
              "retrofit2..",
              "okhttp3..",
              "com.squareup..",
              "java.sql..",
              "javax.sql..",
              "java.net.http..",
              "com.sun.net.httpserver..");

  @ArchTest
  static final ArchRule kiwiVmPortKnowsNothingOfCommandsOrReplies =
      noClasses()
          .that()
          .resideInAPackage("dev.kiwiops.core.kiwivm..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.kiwiops.core.command..",
              "dev.kiwiops.core.commands..",
              "dev.kiwiops.core.reply..",
              "dev.kiwiops.core.access..",
              "dev.kiwiops.core.confirm..");

  @ArchTest
  static final ArchRule replyModelIsAPlainValue =
      noClasses()
          .that()
          .resideInAPackage("dev.kiwiops.core.reply..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.kiwiops.core.command..",
              "dev.kiwiops.core.commands..",
              "dev.kiwiops.core.kiwivm..",
              "dev.kiwiops.core.access..");

  @ArchTest
  static final ArchRule accessPolicyDoesNotDependOnCommands =
      noClasses()
          .that()
          .resideInAPackage("dev.kiwiops.core.access..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.kiwiops.core.commands..", "dev.kiwiops.core.kiwivm..");
}
