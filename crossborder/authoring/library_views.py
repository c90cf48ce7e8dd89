def entry_list(request):
    raise NotImplementedError


def entry_edit(request, slug=None):
    raise NotImplementedError
