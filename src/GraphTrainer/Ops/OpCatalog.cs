namespace GraphTrainer;

/// <summary>The explicit list of op families; each declares its ops and registers its CPU kernels.</summary>
internal static class OpCatalog
{
    public static void RegisterAll()
    {
        ConstantOps.Register();
        VariableOps.Register();
        RandomOps.Register();
        FillOps.Register();
        ArrayOps.Register();
        CastOps.Register();
        MathOps.Register();
        UnaryOps.Register();
        CompareOps.Register();
        ReductionOps.Register();
        MatMulOps.Register();
        NnOps.Register();
        ConvOps.Register();
        PoolOps.Register();
        BiasAddOps.Register();
        SummaryOps.Register();
        TrainingOps.Register();
        FusedOps.Register();
        LossOps.Register();
        ActivationOps.Register();
        ComparisonOps.Register();
        ExtraMathOps.Register();
        TrigOps.Register();
        LrnOps.Register();
        DepthwiseConvOps.Register();
        SpaceDepthOps.Register();
        ArgmaxPoolOps.Register();
        PatchOps.Register();
        MoreReductionOps.Register();
        ShapeArrayOps.Register();
        SplitTileOps.Register();
        SliceOps.Register();
        GatherOps.Register();
        DebugOps.Register();
        ImageSummaryOps.Register();
        PrintV2Ops.Register();
    }
}
