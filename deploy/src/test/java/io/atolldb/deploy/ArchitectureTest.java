package io.atolldb.deploy;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of docs/ARCHITECTURE.md, checked on the compiled classes: each third-party
 * dependency has one owner and the module graph stays one-way.
 */
@AnalyzeClasses(packages = "io.atolldb", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyConsensusImportsRatis = noClasses()
            .that().resideOutsideOfPackage("io.atolldb.consensus..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.ratis..")
            .because("consensus is the only module that knows Ratis");

    @ArchTest
    static final ArchRule onlyNodeImportsRocksDb = noClasses()
            .that().resideOutsideOfPackages("io.atolldb.node..", "io.atolldb.bench.ceiling..")
            .should().dependOnClassesThat().resideInAPackage("org.rocksdb..")
            .because("node is the only module that knows RocksDB; the one exception is the benchmark's ceiling"
                    + " (bench, io.atolldb.bench.ceiling), which measures bare RocksDB to show what storage allows");

    @ArchTest
    static final ArchRule routerReachesNeitherStorageNorConsensus = noClasses()
            .that().resideInAPackage("io.atolldb.router..")
            .should().dependOnClassesThat().resideInAnyPackage("io.atolldb.node..", "io.atolldb.consensus..",
                    "io.atolldb.metadata..", "org.rocksdb..", "org.apache.ratis..")
            .because("routers are stateless and talk to nodes only through their gRPC service");

    @ArchTest
    static final ArchRule modelHasNoIoAndNoOtherModule = noClasses()
            .that().resideInAPackage("io.atolldb.model..")
            .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..",
                    "org.slf4j..", "io.atolldb.proto..", "io.atolldb.rpc..", "io.atolldb.consensus..", "io.atolldb.node..",
                    "io.atolldb.metadata..", "io.atolldb.router..", "io.atolldb.deploy..")
            .because("the model is pure: values, rules and encodings, no I/O");

    @ArchTest
    static final ArchRule onlyTheRouterApiKnowsDynamoDbJson = noClasses()
            .that().resideOutsideOfPackages("io.atolldb.router.api..", "io.atolldb.router.http..",
                    "io.atolldb.router.admin..", "io.atolldb.deploy.admin..", "io.atolldb.router.auth.policy..")
            .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
            .because("DynamoDB JSON ends at the router's api package; the only other JSON is the operator's"
                    + " (atoll admin: router.admin renders it, deploy.admin prints it) and IAM policy documents"
                    + " (router.auth.policy reads them, in PolicyParser)");

    @ArchTest
    static final ArchRule onlyTheAdminCommandUsesTheAwsSdk = noClasses()
            .that().resideOutsideOfPackage("io.atolldb.deploy.admin..")
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("the router verifies signatures with the JDK's HMAC-SHA256 and SHA-256 alone (router.auth);"
                    + " only atoll admin signs requests, with the AWS SDK's own signer");

    @ArchTest
    static final ArchRule consensusKnowsNoUpperModule = noClasses()
            .that().resideInAPackage("io.atolldb.consensus..")
            .should().dependOnClassesThat().resideInAnyPackage("io.atolldb.node..", "io.atolldb.metadata..",
                    "io.atolldb.router..", "io.atolldb.deploy..", "io.atolldb.model..");

    @ArchTest
    static final ArchRule nodeAndMetadataDoNotKnowEachOther = noClasses()
            .that().resideInAPackage("io.atolldb.node..")
            .should().dependOnClassesThat().resideInAnyPackage("io.atolldb.metadata..", "io.atolldb.router..", "io.atolldb.deploy..");

    @ArchTest
    static final ArchRule metadataDoesNotKnowNodesOrRouters = noClasses()
            .that().resideInAPackage("io.atolldb.metadata..")
            .should().dependOnClassesThat().resideInAnyPackage("io.atolldb.node..", "io.atolldb.router..", "io.atolldb.deploy..");

    @ArchTest
    static final ArchRule onlyItemCommandsBuildsItemWrites = noClasses()
            .that().resideInAPackage("io.atolldb.router..")
            .and().haveNameNotMatching("io\\.atolldb\\.router\\.cluster\\.ItemCommands(\\$.*)?")
            .should().dependOnClassesThat().haveNameMatching("io\\.atolldb\\.proto\\.(PutItem|DeleteItem|UpdateItem|ConditionCheck)(\\$.*)?")
            .because("the single-item, batch and transaction paths send the same commands for the same writes:"
                    + " router.cluster.ItemCommands builds them all");

    @ArchTest
    static final ArchRule itemPathsAddressItemsThroughItemAddress = noClasses()
            .that().haveNameMatching("io\\.atolldb\\.router\\.cluster\\.(ClusterDynamoService|Batches|TransactWrites|TransactReads)(\\$.*)?")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.atolldb.model.Tokens")
            .orShould().callMethod("io.atolldb.model.KeyCodec", "itemKey", "long", "long",
                    "io.atolldb.model.AttributeValue", "io.atolldb.model.AttributeValue")
            .because("an item's token and storage key are computed in one place, router.cluster.ItemAddress,"
                    + " for every item path");
}
