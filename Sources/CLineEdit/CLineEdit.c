// placeholder until the line editor lands
