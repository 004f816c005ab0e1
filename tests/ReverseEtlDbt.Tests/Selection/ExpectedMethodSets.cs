namespace ReverseEtlDbt.Tests.Selection;

/// <summary>
/// Expected method selections over the shared fixture manifests, computed by
/// tests/ReverseEtlDbt.Tests/Selection/derive_expected.py (python3, parent_map/child_map walks and
/// dbt-core's selector methods transcribed) and pasted here. Default manifest: v12_dbt_bouncer_1_12.json.
/// </summary>
internal static class ExpectedMethodSets
{
    // tag:crm: nodes whose tags contain 'crm' (3 ids).
    public static readonly string[] TagCrm =
    [
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_raw_orders_for_snapshot",
    ];

    // tag:critical (and tag:crit*): nodes whose tags match (19 ids).
    public static readonly string[] TagCritical =
    [
        "test.dbt_bouncer_test_project.accepted_values_orders_status__placed__shipped__completed__return_pending__returned.be6b5b5ec3",
        "test.dbt_bouncer_test_project.not_null_customers_v1_customer_id.be4b9423d3",
        "test.dbt_bouncer_test_project.not_null_customers_v1_is_recurring_customer.46f432386a",
        "test.dbt_bouncer_test_project.not_null_customers_v2_customer_id.2a5e5f841c",
        "test.dbt_bouncer_test_project.not_null_customers_v2_is_recurring_customer.c09f5da694",
        "test.dbt_bouncer_test_project.not_null_customers_v3_customer_id_pk.5ad1c6f0ea",
        "test.dbt_bouncer_test_project.not_null_customers_v3_is_recurring_customer.1d4d619cea",
        "test.dbt_bouncer_test_project.not_null_orders_amount.106140f9fd",
        "test.dbt_bouncer_test_project.not_null_orders_bank_transfer_amount.7743500c49",
        "test.dbt_bouncer_test_project.not_null_orders_coupon_amount.ab90c90625",
        "test.dbt_bouncer_test_project.not_null_orders_credit_card_amount.d3ca593b59",
        "test.dbt_bouncer_test_project.not_null_orders_customer_id_fk.0c1be9cbe2",
        "test.dbt_bouncer_test_project.not_null_orders_gift_card_amount.413a0d2d7a",
        "test.dbt_bouncer_test_project.not_null_orders_order_id_pk.802d53c310",
        "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1",
        "test.dbt_bouncer_test_project.unique_customers_v1_customer_id.3963c9633d",
        "test.dbt_bouncer_test_project.unique_customers_v2_customer_id.bed577df77",
        "test.dbt_bouncer_test_project.unique_customers_v3_customer_id_pk.0578038828",
        "test.dbt_bouncer_test_project.unique_orders_order_id_pk.7947023e79",
    ];

    // path:models/staging/crm: original_file_path under that folder (sources and YAML tests included) or patch_path equal to it (12 ids).
    public static readonly string[] PathStagingCrm =
    [
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_raw_orders_for_snapshot",
        "source.dbt_bouncer_test_project.dummy_source.customers",
        "test.dbt_bouncer_test_project.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
        "test.dbt_bouncer_test_project.not_null_stg_customers_customer_id.e2cfb1f9aa",
        "test.dbt_bouncer_test_project.not_null_stg_orders_order_id.81cfe2fe64",
        "test.dbt_bouncer_test_project.not_null_stg_raw_orders_for_snapshot_id.6c2295e8b9",
        "test.dbt_bouncer_test_project.source_not_null_dummy_source_customers_id.ee2ad64a8c",
        "test.dbt_bouncer_test_project.unique_stg_customers_customer_id.c7614daada",
        "test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a",
        "test.dbt_bouncer_test_project.unique_stg_raw_orders_for_snapshot_id.ba5b424945",
    ];

    // path:models/staging/*/_*.yml: original_file_path or patch_path matching the glob (19 ids).
    public static readonly string[] PathStagingYamlFiles =
    [
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_payments",
        "model.dbt_bouncer_test_project.stg_raw_orders_for_snapshot",
        "source.dbt_bouncer_test_project.dummy_source.customers",
        "source.dbt_bouncer_test_project.sources_that_dont_really_exist.Non_Conforming_Name",
        "source.dbt_bouncer_test_project.sources_that_dont_really_exist.source_1",
        "source.dbt_bouncer_test_project.sources_that_dont_really_exist.source_2",
        "test.dbt_bouncer_test_project.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
        "test.dbt_bouncer_test_project.accepted_values_stg_payments_payment_method__credit_card__coupon__bank_transfer__gift_card.3c3820f278",
        "test.dbt_bouncer_test_project.not_null_stg_customers_customer_id.e2cfb1f9aa",
        "test.dbt_bouncer_test_project.not_null_stg_orders_order_id.81cfe2fe64",
        "test.dbt_bouncer_test_project.not_null_stg_payments_payment_id.c19cc50075",
        "test.dbt_bouncer_test_project.not_null_stg_raw_orders_for_snapshot_id.6c2295e8b9",
        "test.dbt_bouncer_test_project.source_not_null_dummy_source_customers_id.ee2ad64a8c",
        "test.dbt_bouncer_test_project.unique_stg_customers_customer_id.c7614daada",
        "test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a",
        "test.dbt_bouncer_test_project.unique_stg_payments_payment_id.3744510712",
        "test.dbt_bouncer_test_project.unique_stg_raw_orders_for_snapshot_id.ba5b424945",
    ];

    // staging.crm (fqn method): manifest nodes whose fqn, with or without package, starts with staging, crm (11 ids).
    public static readonly string[] FqnStagingCrm =
    [
        "model.dbt_bouncer_test_project.stg_customers",
        "model.dbt_bouncer_test_project.stg_orders",
        "model.dbt_bouncer_test_project.stg_raw_orders_for_snapshot",
        "test.dbt_bouncer_test_project.accepted_values_stg_orders_status__placed__shipped__completed__return_pending__returned.080fb20aad",
        "test.dbt_bouncer_test_project.not_null_stg_customers_customer_id.e2cfb1f9aa",
        "test.dbt_bouncer_test_project.not_null_stg_orders_order_id.81cfe2fe64",
        "test.dbt_bouncer_test_project.not_null_stg_raw_orders_for_snapshot_id.6c2295e8b9",
        "test.dbt_bouncer_test_project.source_not_null_dummy_source_customers_id.ee2ad64a8c",
        "test.dbt_bouncer_test_project.unique_stg_customers_customer_id.c7614daada",
        "test.dbt_bouncer_test_project.unique_stg_orders_order_id.e3b841c71a",
        "test.dbt_bouncer_test_project.unique_stg_raw_orders_for_snapshot_id.ba5b424945",
    ];

    // *_tmp (fqn method): manifest nodes whose dotted fqn fnmatches *_tmp (9 ids).
    public static readonly string[] TmpSuffixed =
    [
        "model.tiktok_ads.stg_tiktok_ads__ad_group_history_tmp",
        "model.tiktok_ads.stg_tiktok_ads__ad_group_report_hourly_tmp",
        "model.tiktok_ads.stg_tiktok_ads__ad_history_tmp",
        "model.tiktok_ads.stg_tiktok_ads__ad_report_hourly_tmp",
        "model.tiktok_ads.stg_tiktok_ads__advertiser_tmp",
        "model.tiktok_ads.stg_tiktok_ads__campaign_country_report_tmp",
        "model.tiktok_ads.stg_tiktok_ads__campaign_history_tmp",
        "model.tiktok_ads.stg_tiktok_ads__campaign_report_hourly_tmp",
        "model.tiktok_ads.stg_tiktok_ads__location_tmp",
    ];

    // access:public (4 ids).
    public static readonly string[] PublicModels =
    [
        "model.dbt_bouncer_test_project.customers.v1",
        "model.dbt_bouncer_test_project.customers.v2",
        "model.dbt_bouncer_test_project.customers.v3",
        "model.dbt_bouncer_test_project.orders",
    ];

    // customers (fqn method): the versioned model matches on fqn[-2]; source and exposure named customers are not manifest nodes (3 ids).
    public static readonly string[] CustomersAllVersions =
    [
        "model.dbt_bouncer_test_project.customers.v1",
        "model.dbt_bouncer_test_project.customers.v2",
        "model.dbt_bouncer_test_project.customers.v3",
    ];

    // customers.v2 and customers_v2 (fqn method): one version (1 ids).
    public static readonly string[] CustomersV2 =
    [
        "model.dbt_bouncer_test_project.customers.v2",
    ];

    // test_name:relationships: generic tests whose test_metadata.name is relationships (1 ids).
    public static readonly string[] RelationshipsTests =
    [
        "test.dbt_bouncer_test_project.relationships_orders_customer_id_fk__customer_id_pk__ref_customers_.c4baa7acc1",
    ];

    // package:tiktok_ads selects 56 ids: by type {'model': 24, 'source': 9, 'test': 23}.
    public const int TiktokPackageCount = 56;

    // v10_jaffle_shop_model_versions, stg_customers (fqn method) (2 ids).
    public static readonly string[] JaffleStgCustomersVersions =
    [
        "model.jaffle_shop.stg_customers.v1",
        "model.jaffle_shop.stg_customers.v2",
    ];

    // v10_jaffle_shop_model_versions, version:latest: version == latest_version (3 ids).
    public static readonly string[] JaffleLatestVersions =
    [
        "model.jaffle_shop.customers.v2",
        "model.jaffle_shop.stg_customers.v2",
        "model.jaffle_shop.stg_orders.v1",
    ];

    // v10_jaffle_shop_model_versions, version:old: version < latest_version (2 ids).
    public static readonly string[] JaffleOldVersions =
    [
        "model.jaffle_shop.customers.v1",
        "model.jaffle_shop.stg_customers.v1",
    ];

    // v10_jaffle_shop_model_versions, version:prerelease: version > latest_version (0 ids).
    public static readonly string[] JafflePrereleaseVersions =
    [
    ];
}
